import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, type EntityManager, In, Repository } from 'typeorm';
import { type Actor, escapeLike, scopeCondition } from '../../common/actor';
import { badInput, notFound } from '../../common/domain-error';
import { Role } from '../../common/permissions';
import { type Connection, type Page, toConnection } from '../../common/pagination';
import { isUuid } from '../../common/uuid';
import { selectEntities } from '../../database/row-entities';
import type { RequestLoaders } from '../../graphql/request-loaders';
import { isActiveIn, type OrganizationRow, OrganizationsService } from '../organizations';
import { RoundExtensionEntity } from './round-extension.entity';
import { RoundEntity } from './round.entity';

/** Reading rounds: by id, the rounds per viewer, per body and per managing office, extensions. */
@Injectable()
export class RoundQueries {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(RoundEntity) private readonly rounds: Repository<RoundEntity>,
    @InjectRepository(RoundExtensionEntity)
    private readonly extensions: Repository<RoundExtensionEntity>,
    private readonly organizations: OrganizationsService,
  ) {}

  byIdLoader(loaders: RequestLoaders): DataLoader<string, RoundEntity | null> {
    return loaders.get(
      'round.byId',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          // a fixed statement: every submission's page reads its round through here
          const rows = await selectEntities(
            this.dataSource,
            RoundEntity,
            'r',
            'WHERE r.id = ANY($1::uuid[])',
            [ids.filter(isUuid)],
          );
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
          : ` OR r.scopeOrganizationId IN (SELECT o.id FROM organization_directory o WHERE o.path LIKE :below)`;
      qb.andWhere(`(r.scopeOrganizationId IN (:...ancestors)${below})`, {
        ancestors: ancestors.length > 0 ? ancestors : [actor.organizationId],
        below: `${escapeLike(actor.organizationPath)}%`,
      });
    }
    return qb.getMany();
  }

  /** Rounds whose scope contains the organization (a bureau's rounds), newest first. */
  async roundsFor(organization: OrganizationRow): Promise<RoundEntity[]> {
    const ancestorIds = organization.path.split('/').filter((s) => s !== '');
    return this.rounds.find({
      where: { scopeOrganizationId: In(ancestorIds) },
      order: { year: 'DESC' },
    });
  }

  /**
   * The rounds a body reports in (of its ancestors' governments) in which it is active, newest
   * first, filtered by year and collecting government.
   */
  async roundsForOrganization(
    organizationId: string,
    filter: { scopeOrganizationId?: string | null; year?: number | null },
  ): Promise<RoundEntity[]> {
    const organization = await this.organizations.get(organizationId);
    const rounds = await this.roundsFor(organization);
    return rounds.filter(
      (r) =>
        isActiveIn(organization, r.year) &&
        (filter.year == null || r.year === filter.year) &&
        (!filter.scopeOrganizationId || r.scopeOrganizationId === filter.scopeOrganizationId),
    );
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
      .innerJoin('organization_directory', 'o', 'o.id = r.scope_organization_id')
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
            .innerJoin('organization_directory', 'o', 'o.id = x.organization_id')
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

  /** Organizations expected to report in the round (active in its year) under a node of its scope. */
  async expectedBodies(
    round: RoundEntity,
    nodeId?: string,
    manager?: EntityManager,
  ): Promise<OrganizationRow[]> {
    return this.organizations.expectedBodies(
      nodeId ?? round.scopeOrganizationId,
      round.year,
      manager,
    );
  }
}
