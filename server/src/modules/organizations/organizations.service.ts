import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, type EntityManager, In, Repository } from 'typeorm';
import { type Actor, escapeLike } from '../../common/actor';
import {
  badInput,
  badInputs,
  conflict,
  forbidden,
  notFound,
  type FieldProblem,
} from '../../common/domain-error';
import { type Connection, type Page, toConnection } from '../../common/pagination';
import { Role } from '../../common/permissions';
import { isUuid } from '../../common/uuid';
import type { RequestLoaders } from '../../graphql/request-loaders';
import { AuditService } from '../audit/audit.service';
import { isActiveIn, OrganizationEntity, type OrganizationLevel } from './organization.entity';
import {
  checkYears,
  CODE_PATTERN,
  LEVEL_RANK,
  MAX_YEAR,
  MIN_YEAR,
  outlivesParent,
} from './organization-rules';
import {
  insertOrganization,
  laterWork,
  moveOrganization,
  pathIds,
} from './organization-tree.writer';
import { DirectoryImporter, type DirectoryImportReport } from './directory-import';
import { parseDirectoryFile } from './directory-file.parser';

export type { DirectoryImportReport } from './directory-import';

export type OrganizationFields = {
  name?: string | null;
  kind?: string | null;
  peerGroup?: string | null;
  region?: string | null;
  activeFromYear?: number | null;
  activeToYear?: number | null;
  reports?: boolean | null;
};

export type CreateOrganizationInput = OrganizationFields & {
  code: string;
  name: string;
  level: OrganizationLevel;
  parentId?: string | null;
  isDemo?: boolean;
};

export type UpdateOrganizationInput = OrganizationFields & {
  id: string;
  expectedRevision: number;
  parentId?: string | null;
};

export type ListOrganizationsFilter = {
  parentId?: string | null;
  /** Only nodes without a parent. */
  roots?: boolean | null;
  withinId?: string | null;
  activeInYear?: number | null;
  search?: string | null;
  levels?: readonly OrganizationLevel[] | null;
  /** Only bodies that report (those a round expects). */
  reportsOnly?: boolean | null;
};

/** Counts under a node for the tree. */
export type TreeCounts = {
  /** Direct children. */
  children: number;
  /** Reporting bodies in the subtree (the node included) active in the year. */
  reportingBodies: number;
};

/** What closing a node after `lastYear` would do. */
export type ClosePreview = {
  organization: OrganizationEntity;
  lastYear: number;
  /** Bodies in the subtree (the node included) that would stop reporting after lastYear. */
  closing: number;
  /** Of those, the bodies under the node. */
  closingBelow: number;
  /** Submissions of later rounds in the subtree: while there are any, closing is refused. */
  laterSubmissions: number;
  /** The first year of those submissions (the earliest lastYear allowed is one before it). */
  laterSubmissionsFrom: number | null;
};

/** `{ field: [from, to] }` of an update, for the audit log. */
export type FieldChanges = Record<string, [unknown, unknown]>;

const codeInvalid = (field: string, code: string): FieldProblem => ({
  field,
  message: '1–64 letters, digits, dots, dashes or underscores',
  reason: { key: 'organization.codeInvalid', params: { code } },
});

/** The hierarchy: who exists, under whom, and in which years they report. */
@Injectable()
export class OrganizationsService {
  private readonly roster: DirectoryImporter;

  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(OrganizationEntity)
    private readonly organizations: Repository<OrganizationEntity>,
    private readonly audit: AuditService,
  ) {
    this.roster = new DirectoryImporter(audit);
  }

  /** Per-request loader by id (organizations are directory data: readable by any signed-in user). */
  byIdLoader(loaders: RequestLoaders): DataLoader<string, OrganizationEntity | null> {
    return loaders.get(
      'organization.byId',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.findByIds(ids);
          const map = new Map(rows.map((r) => [r.id, r]));
          return ids.map((id) => map.get(id) ?? null);
        }),
    );
  }

  childrenLoader(loaders: RequestLoaders): DataLoader<string, OrganizationEntity[]> {
    return loaders.get(
      'organization.children',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.organizations.find({
            where: { parentId: In([...ids]) },
            order: { code: 'ASC' },
          });
          return ids.map((id) => rows.filter((r) => r.parentId === id));
        }),
    );
  }

  /**
   * Children and active reporting bodies under each node, one query per page of nodes. The
   * subtree is a range of the path index (`path >= p AND path < p || '~'`: paths hold only
   * hex digits, dashes and slashes, all below '~' in the C collation).
   */
  countsLoader(loaders: RequestLoaders, year: number): DataLoader<string, TreeCounts> {
    return loaders.get(
      `organization.counts.${year}`,
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows: { id: string; children: string; reporting: string }[] =
            await this.dataSource.query(
              `SELECT p.id,
                      (SELECT count(*) FROM organizations c WHERE c.parent_id = p.id) AS children,
                      (SELECT count(*) FROM organizations d
                        WHERE d.path >= p.path AND d.path < p.path || '~'
                          AND d.reports
                          AND (d.active_from_year IS NULL OR d.active_from_year <= $2)
                          AND (d.active_to_year IS NULL OR d.active_to_year >= $2)) AS reporting
                 FROM organizations p WHERE p.id = ANY($1::uuid[])`,
              [ids.filter(isUuid), year],
            );
          const map = new Map(rows.map((r) => [r.id, r]));
          return ids.map((id) => ({
            children: Number(map.get(id)?.children ?? 0),
            reportingBodies: Number(map.get(id)?.reporting ?? 0),
          }));
        }),
    );
  }

  findByIds(ids: readonly string[]): Promise<OrganizationEntity[]> {
    const valid = [...new Set(ids)].filter(isUuid);
    if (valid.length === 0) return Promise.resolve([]);
    return this.organizations.find({ where: { id: In(valid) } });
  }

  async get(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrganizationEntity> {
    const found = isUuid(id) ? await manager.findOne(OrganizationEntity, { where: { id } }) : null;
    if (!found) throw notFound('organization');
    return found;
  }

  /** The node and everything under it, in path order. */
  async subtree(
    nodeId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrganizationEntity[]> {
    const node = await this.get(nodeId, manager);
    return manager
      .createQueryBuilder(OrganizationEntity, 'o')
      .where('o.path LIKE :prefix', { prefix: `${escapeLike(node.path)}%` })
      .orderBy('o.path', 'ASC')
      .getMany();
  }

  /** The expected roster of a year under a node: reporting bodies active in that year. */
  async expectedBodies(
    nodeId: string,
    year: number,
    manager?: EntityManager,
  ): Promise<OrganizationEntity[]> {
    return (await this.subtree(nodeId, manager)).filter((o) => o.reports && isActiveIn(o, year));
  }

  async list(filter: ListOrganizationsFilter, page: Page): Promise<Connection<OrganizationEntity>> {
    const qb = this.organizations.createQueryBuilder('o');
    if (filter.parentId) qb.andWhere('o.parent_id = :parentId', { parentId: filter.parentId });
    if (filter.roots) qb.andWhere('o.parent_id IS NULL');
    if (filter.withinId) {
      const node = await this.get(filter.withinId);
      qb.andWhere('o.path LIKE :prefix', { prefix: `${escapeLike(node.path)}%` });
    }
    if (filter.activeInYear != null)
      qb.andWhere(
        '(o.active_from_year IS NULL OR o.active_from_year <= :y) AND (o.active_to_year IS NULL OR o.active_to_year >= :y)',
        { y: filter.activeInYear },
      );
    const search = filter.search?.trim();
    if (search)
      qb.andWhere('(o.name LIKE :q OR o.code ILIKE :q)', { q: `%${escapeLike(search)}%` });
    if (filter.levels?.length) qb.andWhere('o.level IN (:...levels)', { levels: filter.levels });
    if (filter.reportsOnly) qb.andWhere('o.reports = TRUE');
    const totalCount = await qb.clone().getCount();
    if (page.after)
      qb.andWhere('(o.code, o.id) > (:k, :id::uuid)', { k: page.after.k, id: page.after.id });
    const rows = await qb
      .orderBy('o.code', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(page.limit + 1)
      .getMany();
    return toConnection(rows, page, (o) => ({ k: o.code, id: o.id }), totalCount);
  }

  async create(actor: Actor | null, input: CreateOrganizationInput): Promise<OrganizationEntity> {
    const problems = this.validateFields('input', input);
    if (!CODE_PATTERN.test(input.code ?? '')) problems.push(codeInvalid('input.code', input.code));
    if (!input.name?.trim())
      problems.push({
        field: 'input.name',
        message: 'required',
        reason: { key: 'organization.nameRequired' },
      });
    if (problems.length > 0) throw badInputs(problems);
    return this.dataSource.transaction(async (manager) => {
      const parent = input.parentId ? await this.parentOf(manager, input.parentId) : null;
      this.checkPlacement(actor, input.name.trim(), input.level, parent, 'input.parentId');
      if (parent && outlivesParent(input.activeToYear ?? null, parent.activeToYear))
        throw this.parentClosed(parent, 'input.parentId');
      if (await manager.exists(OrganizationEntity, { where: { code: input.code } }))
        throw conflict(`an organization with code ${input.code} exists`, {
          key: 'organization.codeTaken',
          params: { code: input.code },
        });
      const created = await insertOrganization(manager, input, parent);
      await this.audit.record(manager, actor, {
        organizationId: created.id,
        action: 'organization.create',
        data: { name: created.name, code: created.code, parentName: parent?.name ?? null },
      });
      return created;
    });
  }

  async update(actor: Actor, input: UpdateOrganizationInput): Promise<OrganizationEntity> {
    const problems = this.validateFields('input', input);
    if (input.name !== undefined && input.name !== null && !input.name.trim())
      problems.push({
        field: 'input.name',
        message: 'cannot be empty',
        reason: { key: 'organization.nameRequired' },
      });
    if (problems.length > 0) throw badInputs(problems);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.lockCurrent(manager, input.id, input.expectedRevision);
      const before = { ...current };
      const changes = applyFields(current, input);
      const years = checkYears(current.activeFromYear, current.activeToYear, 'input');
      if (years.length > 0) throw badInputs(years);
      let moved: { from: OrganizationEntity | null; to: OrganizationEntity | null } | null = null;
      if (input.parentId !== undefined && input.parentId !== current.parentId) {
        const parent = input.parentId ? await this.parentOf(manager, input.parentId) : null;
        if (parent && parent.path.startsWith(current.path))
          throw badInput('input.parentId', 'cannot move an organization under itself', {
            key: 'organization.cycle',
            params: { name: current.name, parentName: parent.name },
          });
        this.checkPlacement(actor, current.name, current.level, parent, 'input.parentId');
        const from = current.parentId
          ? await manager.findOne(OrganizationEntity, { where: { id: current.parentId } })
          : null;
        await moveOrganization(manager, current, parent);
        moved = { from, to: parent };
      }
      const parentId = current.parentId;
      if (parentId && (moved || 'activeToYear' in changes)) {
        const parent = moved
          ? moved.to
          : await manager.findOneBy(OrganizationEntity, { id: parentId });
        if (parent && outlivesParent(current.activeToYear, parent.activeToYear))
          throw this.parentClosed(parent, moved ? 'input.parentId' : 'input.activeToYear');
      }
      if ('activeToYear' in changes && current.activeToYear !== null) {
        const preview = await this.previewClose(manager, current, current.activeToYear);
        if (preview.laterSubmissions > 0) throw this.laterWorkError(preview, 'input.activeToYear');
        if (preview.closingBelow > 0)
          throw badInput('input.activeToYear', 'bodies under it would still report', {
            key: 'organization.childrenOutlive',
            params: { name: current.name, count: preview.closingBelow },
          });
      }
      const saved = await manager.save(current);
      const events = [];
      if (Object.keys(changes).length > 0)
        events.push({
          organizationId: saved.id,
          action: 'organization.update',
          data: { name: before.name, changes },
        });
      if (moved)
        events.push({
          organizationId: saved.id,
          action: 'organization.move',
          data: {
            name: saved.name,
            fromParentName: moved.from?.name ?? null,
            toParentName: moved.to?.name ?? null,
          },
        });
      await this.audit.record(manager, actor, events);
      return saved;
    });
  }

  /** What closing the node after `lastYear` would close, and whether later work stands in the way. */
  async closePreview(id: string, lastYear: number): Promise<ClosePreview> {
    this.checkLastYear(lastYear);
    const node = await this.get(id);
    return this.previewClose(this.dataSource.manager, node, lastYear);
  }

  /**
   * Closes a body (merged, abolished) in `lastYear + 1`: it and every body under it still
   * reporting after `lastYear` are expected up to `lastYear` only. Refused while a body of the
   * subtree has a submission for a later year (that work would be orphaned: pick a later last
   * year, or let the round's office deal with the submissions first).
   */
  async close(
    actor: Actor,
    input: { id: string; lastYear: number; expectedRevision: number },
  ): Promise<OrganizationEntity> {
    this.checkLastYear(input.lastYear);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.lockCurrent(manager, input.id, input.expectedRevision);
      if (current.activeFromYear !== null && input.lastYear < current.activeFromYear)
        throw badInput('input.lastYear', 'cannot be before activeFromYear', {
          key: 'organization.yearsReversed',
          params: { from: current.activeFromYear, to: input.lastYear },
        });
      const preview = await this.previewClose(manager, current, input.lastYear);
      if (preview.laterSubmissions > 0) throw this.laterWorkError(preview, 'input.lastYear');
      await manager.query(
        `UPDATE organizations SET active_to_year = $2, revision = revision + 1, updated_at = now()
          WHERE path LIKE $1 AND id <> $3 AND (active_to_year IS NULL OR active_to_year > $2)`,
        [`${escapeLike(current.path)}%`, input.lastYear, current.id],
      );
      current.activeToYear = input.lastYear;
      const saved = await manager.save(current);
      await this.audit.record(manager, actor, {
        organizationId: saved.id,
        action: 'organization.close',
        data: { name: saved.name, toYear: input.lastYear, count: preview.closing },
      });
      return saved;
    });
  }

  /** CSV/XLSX roster: creates, changes, moves and closes by code; all or nothing; a dry run writes nothing. */
  async importDirectory(
    actor: Actor,
    bytes: Buffer,
    fileName: string,
    dryRun: boolean,
  ): Promise<DirectoryImportReport> {
    const records = await parseDirectoryFile(bytes, fileName);
    return this.dataSource.transaction((manager) =>
      this.roster.run(manager, actor, records, dryRun),
    );
  }

  /** Every body under a node (or everything), in path order, in batches (for exports). */
  async *walk(rootId: string | null, batch = 2000): AsyncGenerator<OrganizationEntity> {
    const root = rootId ? await this.get(rootId) : null;
    let after = '';
    for (;;) {
      const qb = this.organizations
        .createQueryBuilder('o')
        .where('o.path > :after', { after })
        .orderBy('o.path', 'ASC')
        .limit(batch);
      if (root) qb.andWhere('o.path LIKE :prefix', { prefix: `${escapeLike(root.path)}%` });
      const rows = await qb.getMany();
      for (const row of rows) yield row;
      if (rows.length < batch) return;
      after = rows[rows.length - 1]!.path;
    }
  }

  // ---------------------------------------------------------------------------------------------

  private async lockCurrent(
    manager: EntityManager,
    id: string,
    expectedRevision: number,
  ): Promise<OrganizationEntity> {
    const current = isUuid(id)
      ? await manager.findOne(OrganizationEntity, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    if (!current) throw notFound('organization');
    if (current.revision !== expectedRevision)
      throw conflict(
        `the organization was changed by someone else (revision ${current.revision}, you had ${expectedRevision})`,
        { key: 'common.concurrentChange' },
      );
    return current;
  }

  private async parentOf(manager: EntityManager, parentId: string): Promise<OrganizationEntity> {
    const parent = isUuid(parentId)
      ? await manager.findOne(OrganizationEntity, { where: { id: parentId } })
      : null;
    if (!parent)
      throw badInput('input.parentId', 'no such organization', {
        key: 'organization.parentUnknown',
      });
    return parent;
  }

  private async previewClose(
    manager: EntityManager,
    node: OrganizationEntity,
    lastYear: number,
  ): Promise<ClosePreview> {
    const rows: { below: string }[] = await manager.query(
      `SELECT count(*) AS below FROM organizations
        WHERE path LIKE $1 AND id <> $3 AND (active_to_year IS NULL OR active_to_year > $2)`,
      [`${escapeLike(node.path)}%`, lastYear, node.id],
    );
    const below = Number(rows[0]?.below ?? 0);
    const later = await laterWork(manager, node.path, lastYear);
    return {
      organization: node,
      lastYear,
      closing: below + 1,
      closingBelow: below,
      laterSubmissions: later.count,
      laterSubmissionsFrom: later.firstYear,
    };
  }

  private laterWorkError(preview: ClosePreview, field: string) {
    return badInput(
      field,
      `${preview.laterSubmissions} submission(s) for ${preview.laterSubmissionsFrom} or later exist under ${preview.organization.name}`,
      {
        key: 'organization.laterWork',
        params: {
          name: preview.organization.name,
          count: preview.laterSubmissions,
          year: preview.laterSubmissionsFrom ?? preview.lastYear + 1,
        },
      },
    );
  }

  private parentClosed(parent: OrganizationEntity, field: string) {
    return badInput(field, `${parent.name} reports only up to ${parent.activeToYear}`, {
      key: 'organization.parentClosed',
      params: { parentName: parent.name, year: parent.activeToYear ?? '' },
    });
  }

  private checkLastYear(lastYear: number): void {
    if (!Number.isInteger(lastYear) || lastYear < MIN_YEAR || lastYear > MAX_YEAR)
      throw badInput('input.lastYear', `must be a year between ${MIN_YEAR} and ${MAX_YEAR}`, {
        key: 'organization.yearRange',
        params: { year: String(lastYear), min: MIN_YEAR, max: MAX_YEAR },
      });
  }

  private validateFields(field: string, input: OrganizationFields): FieldProblem[] {
    const problems = checkYears(input.activeFromYear, input.activeToYear, field);
    for (const key of ['name', 'kind', 'peerGroup', 'region'] as const) {
      const value = input[key];
      const max = key === 'name' || key === 'region' ? 200 : 100;
      if (typeof value === 'string' && value.length > max)
        problems.push({
          field: `${field}.${key}`,
          message: 'too long',
          reason: { key: 'organization.tooLong', params: { max } },
        });
    }
    return problems;
  }

  private checkPlacement(
    actor: Actor | null,
    name: string,
    level: OrganizationLevel,
    parent: OrganizationEntity | null,
    field: string,
  ): void {
    if (parent === null) {
      if (actor && actor.role !== Role.ADMIN)
        throw forbidden('only an admin may create a root', { key: 'organization.rootAdminOnly' });
      return;
    }
    if (LEVEL_RANK[parent.level] >= LEVEL_RANK[level])
      throw badInput(
        field,
        `a ${level.toLowerCase()} cannot be placed under a ${parent.level.toLowerCase()}`,
        { key: 'organization.levelPlacement', params: { name, parentName: parent.name } },
      );
  }
}

/** Copies the given fields onto the entity; returns `{ field: [from, to] }` of what changed. */
export function applyFields(target: OrganizationEntity, input: OrganizationFields): FieldChanges {
  const changes: FieldChanges = {};
  const set = <K extends keyof OrganizationFields & keyof OrganizationEntity>(
    key: K,
    value: OrganizationEntity[K],
  ) => {
    if (target[key] !== value) {
      changes[key] = [target[key], value];
      target[key] = value;
    }
  };
  const text = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);
  if (input.name != null) set('name', input.name.trim());
  if (input.kind !== undefined) set('kind', text(input.kind));
  if (input.peerGroup !== undefined) set('peerGroup', text(input.peerGroup));
  if (input.region !== undefined) set('region', text(input.region));
  if (input.activeFromYear !== undefined) set('activeFromYear', input.activeFromYear ?? null);
  if (input.activeToYear !== undefined) set('activeToYear', input.activeToYear ?? null);
  if (input.reports != null) set('reports', input.reports);
  return changes;
}

export { pathIds };
