import {
  isIsoDay,
  isTemplateId,
  shanghaiDay,
  statutoryDeadline,
  templatesForYear,
} from '@gongkai/report-model';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, type EntityManager, In, Repository } from 'typeorm';
import { type Actor, escapeLike, inScope, scopeCondition } from '../../common/actor';
import {
  badInput,
  badInputs,
  conflict,
  type FieldProblem,
  forbidden,
  notFound,
} from '../../common/domain-error';
import { Role } from '../../common/permissions';
import { type Connection, type Page, toConnection } from '../../common/pagination';
import { isUuid } from '../../common/uuid';
import type { RequestLoaders } from '../../graphql/request-loaders';
import { AuditService } from '../audit';
import {
  GOVERNMENT_LEVELS,
  isActiveIn,
  type OrganizationEntity,
  OrganizationsService,
} from '../organizations';
import { RoundExtensionEntity } from './round-extension.entity';
import { RoundEntity, RoundStatus } from './round.entity';

export type CreateRoundInput = {
  year: number;
  scopeOrganizationId: string;
  template?: string | null;
  departmentDeadline?: string | null;
  governmentDeadline?: string | null;
  status?: RoundStatus;
  isDemo?: boolean;
};

export type UpdateRoundInput = {
  id: string;
  expectedRevision: number;
  departmentDeadline?: string | null;
  governmentDeadline?: string | null;
  status?: RoundStatus | null;
};

const STATUS_MOVES: Record<RoundStatus, readonly RoundStatus[]> = {
  [RoundStatus.PLANNED]: [RoundStatus.OPEN],
  [RoundStatus.OPEN]: [RoundStatus.CLOSED],
  [RoundStatus.CLOSED]: [RoundStatus.OPEN],
};

/** Reporting rounds: year, template, deadlines per level, extensions, expected roster. */
@Injectable()
export class RoundsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(RoundEntity) private readonly rounds: Repository<RoundEntity>,
    @InjectRepository(RoundExtensionEntity)
    private readonly extensions: Repository<RoundExtensionEntity>,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
  ) {}

  byIdLoader(loaders: RequestLoaders): DataLoader<string, RoundEntity | null> {
    return loaders.get(
      'round.byId',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.rounds.find({ where: { id: In([...ids]) } });
          const map = new Map(rows.map((r) => [r.id, r]));
          return ids.map((id) => map.get(id) ?? null);
        }),
    );
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<RoundEntity> {
    const round = isUuid(id) ? await manager.findOne(RoundEntity, { where: { id } }) : null;
    if (!round) throw notFound('round');
    return round;
  }

  /**
   * Rounds are directory data, listed per viewer: the rounds that concern the actor — those of
   * its own organization and its ancestors (the rounds it reports in) and, for reviewers and
   * supervisors, those inside its subtree (the rounds it can open). Admins see every round.
   * Optionally filtered by scope or year.
   */
  list(
    actor: Actor | null,
    filter: {
      scopeOrganizationId?: string | null;
      year?: number | null;
    },
  ): Promise<RoundEntity[]> {
    if (filter.scopeOrganizationId && !isUuid(filter.scopeOrganizationId))
      return Promise.resolve([]);
    const qb = this.rounds
      .createQueryBuilder('r')
      .orderBy('r.year', 'DESC')
      .addOrderBy('r.createdAt', 'ASC')
      .take(500);
    if (filter.scopeOrganizationId)
      qb.andWhere('r.scopeOrganizationId = :scopeId', { scopeId: filter.scopeOrganizationId });
    if (filter.year != null) qb.andWhere('r.year = :year', { year: filter.year });
    if (actor && actor.role !== Role.ADMIN) {
      const ancestors = actor.organizationPath.split('/').filter((s) => s !== '');
      const below =
        actor.role === Role.BUREAU
          ? ''
          : ` OR r.scopeOrganizationId IN (SELECT o.id FROM organizations o WHERE o.path LIKE :below)`;
      qb.andWhere(`(r.scopeOrganizationId IN (:...ancestors)${below})`, {
        ancestors: ancestors.length > 0 ? ancestors : [actor.organizationId],
        below: `${escapeLike(actor.organizationPath)}%`,
      });
    }
    return qb.getMany();
  }

  /** Rounds whose scope contains the organization (a bureau's rounds), newest first. */
  async roundsFor(organization: OrganizationEntity): Promise<RoundEntity[]> {
    const ancestorIds = organization.path.split('/').filter((s) => s !== '');
    return this.rounds.find({
      where: { scopeOrganizationId: In(ancestorIds) },
      order: { year: 'DESC' },
    });
  }

  /**
   * Rounds run by governments in the actor's scope (an admin: all), newest year first, paged;
   * filtered by year, collecting government and a name search.
   */
  async listManaged(
    actor: Actor,
    filter: { year?: number | null; scopeOrganizationId?: string | null; search?: string | null },
    page: Page,
  ): Promise<Connection<RoundEntity>> {
    const scope = scopeCondition(actor, 'o');
    const qb = this.rounds
      .createQueryBuilder('r')
      .innerJoin('organizations', 'o', 'o.id = r.scope_organization_id')
      .where(scope.sql, scope.params);
    if (filter.year != null) qb.andWhere('r.year = :year', { year: filter.year });
    if (filter.scopeOrganizationId) {
      if (!isUuid(filter.scopeOrganizationId))
        return toConnection([], page, () => ({ k: '', id: '' }), 0);
      qb.andWhere('r.scope_organization_id = :sid', { sid: filter.scopeOrganizationId });
    }
    const search = filter.search?.trim();
    if (search) qb.andWhere('o.name LIKE :q', { q: `%${escapeLike(search)}%` });
    const totalCount = await qb.clone().getCount();
    if (page.after) {
      const year = Number(page.after.k);
      if (!Number.isInteger(year) || !isUuid(page.after.id))
        throw badInput('after', 'not a cursor returned by this API', { key: 'common.badCursor' });
      qb.andWhere('(r.year, r.id) < (:k::int, :id::uuid)', { k: year, id: page.after.id });
    }
    const rows = await qb
      .orderBy('r.year', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(page.limit + 1)
      .getMany();
    return toConnection(rows, page, (r) => ({ k: String(r.year), id: r.id }), totalCount);
  }

  /**
   * Creates a round (PLANNED unless the caller says otherwise). `actor` null is the system (demo
   * data, tests): no access check and no limit on the year.
   */
  async create(actor: Actor | null, input: CreateRoundInput): Promise<RoundEntity> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.organizations.get(input.scopeOrganizationId, manager).catch(() => {
        throw badInput('input.scopeOrganizationId', 'no such organization', {
          key: 'round.noSuchGovernment',
        });
      });
      if (actor) this.assertManages(actor, scope);
      if (!GOVERNMENT_LEVELS.has(scope.level))
        throw badInput(
          'input.scopeOrganizationId',
          'a round is run by a government (province, city or county)',
          { key: 'round.scopeNotGovernment', params: { name: scope.name } },
        );
      const problems: FieldProblem[] = [];
      const latest = Number(shanghaiDay(new Date()).slice(0, 4)) + 1;
      if (!Number.isInteger(input.year) || input.year < 2008 || input.year > 2100)
        problems.push({
          field: 'input.year',
          message: 'must be a statistics year between 2008 and 2100',
          reason: { key: 'round.yearInvalid' },
        });
      else if (actor && input.year > latest)
        problems.push({
          field: 'input.year',
          message: `a round can be prepared at most for next year (${latest})`,
          reason: { key: 'round.yearTooLate', params: { year: input.year, latest } },
        });
      const defaultTemplate = templatesForYear(input.year)[0] ?? '2021';
      const template = input.template?.trim() || defaultTemplate;
      if (!isTemplateId(template))
        problems.push({
          field: 'input.template',
          message: `unknown template ${template}`,
          reason: { key: 'round.templateUnknown', params: { template } },
        });
      else if (!templatesForYear(input.year).includes(template))
        problems.push({
          field: 'input.template',
          message: `template ${template} is not used for ${input.year} reports`,
          reason: { key: 'round.templateNotOfYear', params: { template, year: input.year } },
        });
      else if (actor && actor.role !== Role.ADMIN && template !== defaultTemplate)
        problems.push({
          field: 'input.template',
          message: 'only an admin may choose another template than the year’s',
          reason: { key: 'round.templateAdminOnly' },
        });
      const departmentDeadline =
        input.departmentDeadline || statutoryDeadline(input.year, 'department');
      const governmentDeadline =
        input.governmentDeadline || statutoryDeadline(input.year, 'government');
      if (problems.length === 0)
        problems.push(...this.checkDeadlines(input.year, departmentDeadline, governmentDeadline));
      if (problems.length > 0) throw badInputs(problems);
      if (
        await manager.exists(RoundEntity, {
          where: { scopeOrganizationId: scope.id, year: input.year },
        })
      )
        throw conflict(`a ${input.year} round already exists for ${scope.name}`, {
          key: 'round.duplicate',
          params: { year: input.year, name: scope.name },
        });
      const round = await manager.save(
        manager.create(RoundEntity, {
          year: input.year,
          template: template as RoundEntity['template'],
          scopeOrganizationId: scope.id,
          status: input.status ?? RoundStatus.PLANNED,
          departmentDeadline,
          governmentDeadline,
          isDemo: input.isDemo ?? false,
        }),
      );
      await this.audit.record(manager, actor, {
        organizationId: scope.id,
        roundId: round.id,
        action: 'round.create',
        toStatus: round.status,
        data: { year: round.year, scopeName: scope.name },
      });
      return round;
    });
  }

  /** Deadlines and status (open, close, reopen) under the optimistic lock; one audit event. */
  async update(actor: Actor, input: UpdateRoundInput): Promise<RoundEntity> {
    return this.dataSource.transaction(async (manager) => {
      const round = isUuid(input.id)
        ? await manager.findOne(RoundEntity, {
            where: { id: input.id },
            lock: { mode: 'pessimistic_write' },
          })
        : null;
      if (!round) throw notFound('round');
      const scope = await this.organizations.get(round.scopeOrganizationId, manager);
      this.assertManages(actor, scope);
      if (round.revision !== input.expectedRevision)
        throw conflict(
          `the round was changed by someone else (revision ${round.revision}, you had ${input.expectedRevision})`,
          { key: 'round.stale', params: { year: round.year, name: scope.name } },
        );
      const before = { ...round };
      if (input.departmentDeadline) round.departmentDeadline = input.departmentDeadline;
      if (input.governmentDeadline) round.governmentDeadline = input.governmentDeadline;
      const problems = this.checkDeadlines(
        round.year,
        round.departmentDeadline,
        round.governmentDeadline,
      );
      if (problems.length > 0) throw badInputs(problems);
      if (input.status != null && input.status !== round.status) {
        if (!STATUS_MOVES[round.status].includes(input.status))
          throw conflict(
            `a ${round.status.toLowerCase()} round cannot become ${input.status.toLowerCase()}`,
            { key: `round.move.${round.status}.${input.status}` },
          );
        round.status = input.status;
      }
      const changes: Record<string, [string, string]> = {};
      for (const key of ['status', 'departmentDeadline', 'governmentDeadline'] as const)
        if (before[key] !== round[key]) changes[key] = [before[key], round[key]];
      if (Object.keys(changes).length === 0) return round;
      const saved = await manager.save(round);
      await this.audit.record(manager, actor, {
        organizationId: scope.id,
        roundId: round.id,
        action: 'round.update',
        fromStatus: before.status,
        toStatus: saved.status,
        data: { year: round.year, scopeName: scope.name, changes },
      });
      return saved;
    });
  }

  /**
   * A later deadline for one body expected in the round, with a reason (replaces an earlier
   * extension of the same body). The date must be after the body's base deadline.
   */
  async grantExtension(
    actor: Actor,
    input: { roundId: string; organizationId: string; deadline: string; reason: string },
  ): Promise<RoundExtensionEntity> {
    return this.dataSource.transaction(async (manager) => {
      const round = await this.get(input.roundId, manager);
      const scope = await this.organizations.get(round.scopeOrganizationId, manager);
      const organization = await this.organizations
        .get(input.organizationId, manager)
        .catch(() => null);
      // An office may extend the deadline of any body in its own scope, also in a wider round.
      if (!organization || !inScope(actor, organization)) throw notFound('organization');
      if (actor.role !== Role.ADMIN && actor.role !== Role.REVIEWER)
        throw forbidden('only a review office (or an admin) may extend a deadline', {
          key: 'round.notYourRound',
        });
      if (
        !organization.path.startsWith(scope.path) ||
        !organization.reports ||
        !isActiveIn(organization, round.year)
      )
        throw badInput(
          'input.organizationId',
          `${organization.name} is not expected in the round`,
          {
            key: 'round.extensionOutsideRound',
            params: { name: organization.name, year: round.year, scope: scope.name },
          },
        );
      if (!isIsoDay(input.deadline))
        throw badInput('input.deadline', 'must be a date YYYY-MM-DD', {
          key: 'round.dateInvalid',
        });
      const reason = input.reason.trim();
      if (!reason)
        throw badInput('input.reason', 'say why the extension is granted', {
          key: 'round.extensionReasonRequired',
        });
      if (reason.length > 2000)
        throw badInput('input.reason', 'at most 2000 characters', {
          key: 'round.extensionReasonTooLong',
          params: { max: 2000 },
        });
      const base = this.baseDeadline(round, organization);
      if (input.deadline <= base)
        throw badInput('input.deadline', `must be after the round's deadline ${base}`, {
          key: 'round.extensionNotLater',
          params: { base, name: organization.name },
        });
      const existing = await manager.findOne(RoundExtensionEntity, {
        where: { roundId: round.id, organizationId: organization.id },
      });
      const saved = await manager.save(
        Object.assign(
          existing ??
            manager.create(RoundExtensionEntity, {
              roundId: round.id,
              organizationId: organization.id,
            }),
          { deadline: input.deadline, reason, grantedById: actor.userId },
        ),
      );
      await this.audit.record(manager, actor, {
        organizationId: organization.id,
        roundId: round.id,
        action: 'round.extend',
        reason: saved.reason,
        data: {
          year: round.year,
          organizationName: organization.name,
          deadline: saved.deadline,
          reason: saved.reason,
        },
      });
      return saved;
    });
  }

  /** Extensions the actor may see (their scope), per round, batched per request. */
  extensionsVisibleLoader(
    loaders: RequestLoaders,
    actor: Actor,
  ): DataLoader<string, RoundExtensionEntity[]> {
    return loaders.get(
      'round.extensions',
      () =>
        new DataLoader(async (roundIds: readonly string[]) => {
          const scope = scopeCondition(actor, 'o');
          const rows = await this.extensions
            .createQueryBuilder('x')
            .innerJoin('organizations', 'o', 'o.id = x.organization_id')
            .where('x.round_id IN (:...roundIds)', { roundIds: [...roundIds] })
            .andWhere(scope.sql, scope.params)
            .orderBy('x.created_at', 'ASC')
            .getMany();
          return roundIds.map((id) => rows.filter((r) => r.roundId === id));
        }),
    );
  }

  /** Extensions for many organizations in a round, keyed by organization id (set-based). */
  async extensionsFor(
    roundId: string,
    organizationIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, RoundExtensionEntity>> {
    if (organizationIds.length === 0) return new Map();
    const rows = await manager.find(RoundExtensionEntity, {
      where: { roundId, organizationId: In([...organizationIds]) },
    });
    return new Map(rows.map((r) => [r.organizationId, r]));
  }

  /** The round's deadline for the organization's level, before any extension. */
  baseDeadline(round: RoundEntity, organization: OrganizationEntity): string {
    return GOVERNMENT_LEVELS.has(organization.level)
      ? round.governmentDeadline
      : round.departmentDeadline;
  }

  /** The deadline that applies: the extension's when one was granted. */
  deadlineFor(
    round: RoundEntity,
    organization: OrganizationEntity,
    extension?: RoundExtensionEntity | null,
  ): string {
    return extension?.deadline ?? this.baseDeadline(round, organization);
  }

  /** Organizations expected to report in the round (active in its year) under a node of its scope. */
  async expectedBodies(
    round: RoundEntity,
    nodeId?: string,
    manager?: EntityManager,
  ): Promise<OrganizationEntity[]> {
    return this.organizations.expectedBodies(
      nodeId ?? round.scopeOrganizationId,
      round.year,
      manager,
    );
  }

  private assertManages(actor: Actor, scope: OrganizationEntity): void {
    if (actor.role === Role.ADMIN) return;
    if (actor.role !== Role.REVIEWER || !inScope(actor, scope))
      throw forbidden('only the office running the round (or an admin) may change it', {
        key: 'round.notYourRound',
      });
  }

  private checkDeadlines(year: number, department: string, government: string): FieldProblem[] {
    const problems: FieldProblem[] = [];
    for (const [field, value] of [
      ['departmentDeadline', department],
      ['governmentDeadline', government],
    ] as const) {
      if (!isIsoDay(value))
        problems.push({
          field: `input.${field}`,
          message: 'must be a date YYYY-MM-DD',
          reason: { key: 'round.dateInvalid' },
        });
      else if (value < `${year + 1}-01-01`)
        problems.push({
          field: `input.${field}`,
          message: `a ${year} report cannot be due before ${year + 1}-01-01`,
          reason: {
            key: 'round.deadlineTooEarly',
            params: { year, first: `${year + 1}-01-01`, date: value },
          },
        });
    }
    if (problems.length === 0 && government < department)
      problems.push({
        field: 'input.governmentDeadline',
        message: `the governments' deadline ${government} is before the departments' ${department}`,
        reason: { key: 'round.deadlinesOverlap', params: { government, department } },
      });
    return problems;
  }
}
