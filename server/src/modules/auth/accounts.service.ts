import { shanghaiDay, shanghaiYear } from '@gongkai/report-model';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Not, Repository } from 'typeorm';
import { type Actor, escapeLike, scopeCondition } from '../../common/actor';
import { badInput, notFound } from '../../common/domain-error';
import { type Connection, type Page, toConnection } from '../../common/pagination';
import { Role } from '../../common/permissions';
import { isUuid } from '../../common/uuid';
import { AuditService } from '../audit';
import { isActiveIn, type OrganizationRow, OrganizationsService } from '../organizations';
import { AuthService, checkBureauOrganization } from './auth.service';
import { bureauUsername } from './bureau-username';
import { writeHandoutSheet } from './handout-sheet.writer';
import { HandoutStore } from './handout.store';
import { hashPassword } from './password';
import { oneTimePassword } from './one-time-password';
import { UserEntity } from './user.entity';

export type UsersFilter = {
  search?: string | null;
  role?: Role | null;
  scopeOrganizationId?: string | null;
  active?: boolean | null;
};

export type PlannedAccount = {
  organization: OrganizationRow;
  username: string;
  oneTimePassword: string | null;
  userId: string | null;
};

/** Serialises changes that could leave the system without an active admin. */
const ADMIN_LOCK = 7_310_001;

/**
 * Account administration (admins, `user.manage`): the list, bulk bureau accounts, password
 * resets, deactivation and role or scope changes. One transaction and its audit events per
 * action; passwords never reach the audit trail or the logs.
 */
@Injectable()
export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
    private readonly handouts: HandoutStore,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  async list(actor: Actor, filter: UsersFilter, page: Page): Promise<Connection<UserEntity>> {
    const scope = scopeCondition(actor, 'o', 'actorScope');
    const qb = this.users
      .createQueryBuilder('u')
      .innerJoin('organization_directory', 'o', 'o.id = u.organization_id')
      .where(scope.sql, scope.params);
    const search = filter.search?.trim();
    if (search)
      qb.andWhere(
        '(u.username ILIKE :q OR u.display_name ILIKE :q OR o.name ILIKE :q OR o.code ILIKE :q)',
        { q: `%${escapeLike(search)}%` },
      );
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.active != null) qb.andWhere('u.active = :active', { active: filter.active });
    if (filter.scopeOrganizationId) {
      const node = await this.organizations.get(filter.scopeOrganizationId);
      qb.andWhere('o.path LIKE :prefix', { prefix: `${escapeLike(node.path)}%` });
    }
    const totalCount = await qb.clone().getCount();
    if (page.after)
      qb.andWhere('(u.username, u.id) > (:k, :id::uuid)', { k: page.after.k, id: page.after.id });
    const rows = await qb
      .orderBy('u.username', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(page.limit + 1)
      .getMany();
    return toConnection(rows, page, (u) => ({ k: u.username, id: u.id }), totalCount);
  }

  /**
   * Reporting bodies under a scope that are active this year or last (a body closed this year
   * still files last year's report) and have no active account, with the usernames they would get.
   */
  async planBureauAccounts(
    scopeOrganizationId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PlannedAccount[]> {
    if (!isUuid(scopeOrganizationId))
      throw badInput('input.scopeOrganizationId', 'no such organization', {
        key: 'auth.organizationUnknown',
      });
    const year = shanghaiYear(new Date());
    const subtree = await this.organizations.subtree(scopeOrganizationId, manager).catch(() => {
      throw badInput('input.scopeOrganizationId', 'no such organization', {
        key: 'auth.organizationUnknown',
      });
    });
    const bodies = subtree.filter(
      (o) => o.reports && (isActiveIn(o, year) || isActiveIn(o, year - 1)),
    );
    if (bodies.length === 0) return [];
    const covered = new Set(
      (
        await manager.find(UserEntity, {
          select: { organizationId: true },
          where: { organizationId: In(bodies.map((o) => o.id)), active: true },
        })
      ).map((u) => u.organizationId),
    );
    const pending = bodies.filter((o) => !covered.has(o.id));
    if (pending.length === 0) return [];
    const bases = pending.map((o) => bureauUsername(o.code, () => false));
    const existing: { username: string }[] = await manager.query(
      'SELECT username FROM users WHERE username LIKE ANY($1::text[])',
      [bases.map((b) => `${escapeLike(b)}%`)],
    );
    const taken = new Set(existing.map((r) => r.username));
    return pending.map((organization) => {
      const username = bureauUsername(organization.code, (c) => taken.has(c));
      taken.add(username);
      return { organization, username, oneTimePassword: null, userId: null };
    });
  }

  /**
   * A bureau account for every reporting body of the scope without one, each with a one-time
   * password; all or nothing. The sheet to hand out waits for one download.
   */
  async createBureauAccounts(
    actor: Actor,
    input: { scopeOrganizationId: string },
  ): Promise<{ accounts: PlannedAccount[]; handoutId: string; handoutExpiresAt: Date }> {
    return this.dataSource.transaction(async (manager) => {
      // Two admins bulk-creating at once would pick the same names: one waits for the other.
      await manager.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_LOCK + 1]);
      const scope = await this.auth.organizationFor(
        manager,
        'input.scopeOrganizationId',
        input.scopeOrganizationId,
      );
      const planned = await this.planBureauAccounts(scope.id, manager);
      if (planned.length === 0)
        throw badInput(
          'input.scopeOrganizationId',
          `every reporting body under ${scope.name} already has an active account`,
          { key: 'auth.nothingToCreate', params: { organization: scope.name } },
        );
      // Hashed side by side (argon2 runs on the thread pool), inserted in one statement.
      const passwords = planned.map(() => oneTimePassword());
      const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
      const inserted = await manager.insert(
        UserEntity,
        planned.map((plan, i) => ({
          username: plan.username,
          displayName: plan.organization.name,
          passwordHash: hashes[i]!,
          role: Role.BUREAU,
          organizationId: plan.organization.id,
          active: true,
          isDemo: false,
          mustChangePassword: true,
        })),
      );
      const accounts: PlannedAccount[] = planned.map((plan, i) => ({
        ...plan,
        oneTimePassword: passwords[i]!,
        userId: String(inserted.identifiers[i]!.id),
      }));
      await this.audit.record(
        manager,
        actor,
        accounts.map((a) => ({
          organizationId: a.organization.id,
          action: 'user.create',
          data: {
            username: a.username,
            displayName: a.organization.name,
            role: Role.BUREAU,
            oneTime: true,
            bulk: true,
          },
        })),
      );
      const day = shanghaiDay(new Date());
      const sheet = await writeHandoutSheet(
        `${scope.name} 下级单位填报账号`,
        day,
        accounts.map((a) => ({
          organizationName: a.organization.name,
          organizationCode: a.organization.code,
          username: a.username,
          oneTimePassword: a.oneTimePassword ?? '',
        })),
      );
      const handout = await this.handouts.put(
        manager,
        actor.userId,
        `${scope.name}-账号表-${day}.xlsx`,
        sheet,
      );
      return { accounts, handoutId: handout.id, handoutExpiresAt: handout.expiresAt };
    });
  }

  /** A new one-time password for an account; its sessions end at once. */
  async resetPassword(
    actor: Actor,
    input: { userId: string },
  ): Promise<{ user: UserEntity; oneTimePassword: string }> {
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (manager) => {
      const user = await this.userFor(manager, input.userId);
      await manager.update(UserEntity, { id: user.id }, { passwordHash, mustChangePassword: true });
      await this.auth.revokeSessions(manager, user.id);
      await this.audit.record(manager, actor, {
        organizationId: user.organizationId,
        action: 'user.resetPassword',
        data: { username: user.username },
      });
      return {
        user: await manager.findOneOrFail(UserEntity, { where: { id: user.id } }),
        oneTimePassword: password,
      };
    });
  }

  /** Deactivates (ending its sessions at once) or reactivates an account. */
  async setActive(actor: Actor, input: { userId: string; active: boolean }): Promise<UserEntity> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_LOCK]);
      const user = await this.userFor(manager, input.userId);
      if (user.active === input.active) return user;
      if (!input.active) {
        if (user.id === actor.userId)
          throw badInput('input.userId', 'you cannot deactivate your own account', {
            key: 'auth.cannotDeactivateSelf',
          });
        if (user.role === Role.ADMIN) await this.assertAnotherAdmin(manager, user.id);
      }
      await manager.update(
        UserEntity,
        { id: user.id },
        { active: input.active, deactivatedAt: input.active ? null : new Date() },
      );
      if (!input.active) await this.auth.revokeSessions(manager, user.id);
      await this.audit.record(manager, actor, {
        organizationId: user.organizationId,
        action: input.active ? 'user.reactivate' : 'user.deactivate',
        data: { username: user.username },
      });
      return manager.findOneOrFail(UserEntity, { where: { id: user.id } });
    });
  }

  /** Changes role, scope (organization) or display name. */
  async update(
    actor: Actor,
    input: {
      userId: string;
      role?: Role | null;
      organizationId?: string | null;
      displayName?: string | null;
    },
  ): Promise<UserEntity> {
    const displayName = input.displayName?.trim();
    if (input.displayName != null && !displayName)
      throw badInput('input.displayName', 'cannot be empty', { key: 'auth.displayNameRequired' });
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_LOCK]);
      const user = await this.userFor(manager, input.userId);
      const role = input.role ?? user.role;
      const from = await this.auth.organizationFor(manager, 'input.userId', user.organizationId);
      const to = input.organizationId
        ? await this.auth.organizationFor(manager, 'input.organizationId', input.organizationId)
        : from;
      checkBureauOrganization(
        input.organizationId ? 'input.organizationId' : 'input.role',
        role,
        to,
      );
      if (user.role === Role.ADMIN && role !== Role.ADMIN && user.active)
        await this.assertAnotherAdmin(manager, user.id);
      const changes: Record<string, [string, string]> = {};
      if (role !== user.role) changes.role = [user.role, role];
      if (to.id !== from.id) {
        changes.organizationId = [from.id, to.id];
        changes.organizationName = [from.name, to.name];
      }
      if (displayName && displayName !== user.displayName)
        changes.displayName = [user.displayName, displayName];
      if (Object.keys(changes).length === 0) return user;
      await manager.update(
        UserEntity,
        { id: user.id },
        { role, organizationId: to.id, displayName: displayName || user.displayName },
      );
      // Permissions and scope are read per request from the row, so live sessions follow at once.
      await this.audit.record(manager, actor, {
        organizationId: to.id,
        action: 'user.update',
        data: { username: user.username, changes },
      });
      return manager.findOneOrFail(UserEntity, { where: { id: user.id } });
    });
  }

  private async userFor(manager: EntityManager, id: string): Promise<UserEntity> {
    const user = isUuid(id) ? await manager.findOne(UserEntity, { where: { id } }) : null;
    if (!user) throw notFound('user', { key: 'auth.userNotFound' });
    return user;
  }

  private async assertAnotherAdmin(manager: EntityManager, exceptUserId: string): Promise<void> {
    const others = await manager.count(UserEntity, {
      where: { role: Role.ADMIN, active: true, id: Not(exceptUserId) },
    });
    if (others === 0)
      throw badInput('input.userId', 'this is the last active admin', { key: 'auth.lastAdmin' });
  }
}
