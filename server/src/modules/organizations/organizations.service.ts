import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import { type Actor, escapeLike } from '../../common/actor';
import { badInput, badInputs, notFound } from '../../common/domain-error';
import { type Connection, type Page, toConnection } from '../../common/pagination';
import { isUuid } from '../../common/uuid';
import { selectEntities } from '../../database/row-entities';
import type { RequestLoaders } from '../../graphql/request-loaders';
import { AuditService } from '../audit';
import { isActiveIn, OrganizationEntity, type OrganizationRow } from './organization.entity';
import { checkYears, outlivesParent } from './organization-rules';
import { moveOrganization, pathIds } from './organization-tree.writer';
import { checkNewOrganization, insertCheckedOrganization } from './organization-create';
import { DirectoryImporter, type DirectoryImportReport } from './directory-import';
import { parseDirectoryFile } from './directory-file.parser';

export type { DirectoryImportReport } from './directory-import';
export type * from './organization.types';
export { applyFields } from './organization-checks';
import {
  applyFields,
  checkLastYear,
  checkPlacement,
  checkReports,
  laterWorkError,
  lockCurrent,
  parentClosed,
  parentOf,
  previewClose,
  validateFields,
} from './organization-checks';
import type {
  ClosePreview,
  CreateOrganizationInput,
  ListOrganizationsFilter,
  TreeCounts,
  UpdateOrganizationInput,
} from './organization.types';

/** Per request, the bodies whose next read by id brings their parent and children too. */
const FAMILY = new WeakMap<RequestLoaders, Set<string>>();

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
  byIdLoader(loaders: RequestLoaders): DataLoader<string, OrganizationRow | null> {
    return loaders.get(
      'organization.byId',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.findByIds(ids, loaders);
          const map = new Map(rows.map((r) => [r.id, r]));
          return ids.map((id) => map.get(id) ?? null);
        }),
    );
  }

  /**
   * Lets the request's next read of `id` by `byIdLoader` bring its parent and children in the
   * same statement (a body's page shows them), filling `byIdLoader` and `childrenLoader`.
   */
  withFamily(loaders: RequestLoaders, id: string): void {
    let wanted = FAMILY.get(loaders);
    if (!wanted) FAMILY.set(loaders, (wanted = new Set()));
    wanted.add(id);
  }

  childrenLoader(loaders: RequestLoaders): DataLoader<string, OrganizationRow[]> {
    return loaders.get(
      'organization.children',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await selectEntities(
            this.dataSource,
            OrganizationEntity,
            'o',
            'WHERE o.parent_id = ANY($1::uuid[]) ORDER BY o.code ASC',
            [ids.filter(isUuid)],
          );
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

  async findByIds(ids: readonly string[], loaders?: RequestLoaders): Promise<OrganizationRow[]> {
    const valid = [...new Set(ids)].filter(isUuid);
    if (valid.length === 0) return [];
    const wanted = loaders ? FAMILY.get(loaders) : undefined;
    const family = wanted ? valid.filter((id) => wanted.delete(id)) : [];
    // a fixed statement: the request loaders read bodies by id many times a second
    if (family.length === 0)
      return selectEntities(
        this.dataSource,
        OrganizationEntity,
        'o',
        'WHERE o.id = ANY($1::uuid[])',
        [valid],
      );
    const rows = await selectEntities(
      this.dataSource,
      OrganizationEntity,
      'o',
      `WHERE o.id = ANY($1::uuid[])
          OR o.id IN (SELECT f.parent_id FROM organizations f WHERE f.id = ANY($2::uuid[]))
          OR o.parent_id = ANY($2::uuid[])
       ORDER BY o.code ASC`,
      [valid, family],
    );
    const children = this.childrenLoader(loaders!);
    for (const id of family)
      children.prime(
        id,
        rows.filter((r) => r.parentId === id),
      );
    const byId = this.byIdLoader(loaders!);
    for (const row of rows) if (!valid.includes(row.id)) byId.prime(row.id, row);
    return rows.filter((r) => valid.includes(r.id));
  }

  async get(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrganizationRow> {
    const found = isUuid(id) ? await manager.findOne(OrganizationEntity, { where: { id } }) : null;
    if (!found) throw notFound('organization');
    return found;
  }

  /** The node and everything under it, in path order. */
  async subtree(
    nodeId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrganizationRow[]> {
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
  ): Promise<OrganizationRow[]> {
    return (await this.subtree(nodeId, manager)).filter((o) => o.reports && isActiveIn(o, year));
  }

  async list(filter: ListOrganizationsFilter, page: Page): Promise<Connection<OrganizationRow>> {
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

  async create(actor: Actor | null, input: CreateOrganizationInput): Promise<OrganizationRow> {
    checkNewOrganization(input);
    return this.dataSource.transaction(async (manager) => {
      const { created, parent } = await insertCheckedOrganization(manager, actor, input);
      await this.audit.record(manager, actor, {
        organizationId: created.id,
        action: 'organization.create',
        data: { name: created.name, code: created.code, parentName: parent?.name ?? null },
      });
      return created;
    });
  }

  async update(actor: Actor, input: UpdateOrganizationInput): Promise<OrganizationRow> {
    const problems = validateFields('input', input);
    if (input.name !== undefined && input.name !== null && !input.name.trim())
      problems.push({
        field: 'input.name',
        message: 'cannot be empty',
        reason: { key: 'organization.nameRequired' },
      });
    if (problems.length > 0) throw badInputs(problems);
    return this.dataSource.transaction(async (manager) => {
      const current = await lockCurrent(manager, input.id, input.expectedRevision);
      const before = { ...current };
      const changes = applyFields(current, input);
      if ('reports' in changes)
        checkReports(current.name, current.level, current.reports, 'input.reports');
      const years = checkYears(current.activeFromYear, current.activeToYear, 'input');
      if (years.length > 0) throw badInputs(years);
      let moved: { from: OrganizationRow | null; to: OrganizationRow | null } | null = null;
      if (input.parentId !== undefined && input.parentId !== current.parentId) {
        const parent = input.parentId ? await parentOf(manager, input.parentId) : null;
        if (parent && parent.path.startsWith(current.path))
          throw badInput('input.parentId', 'cannot move an organization under itself', {
            key: 'organization.cycle',
            params: { name: current.name, parentName: parent.name },
          });
        checkPlacement(actor, current.name, current.level, parent, 'input.parentId');
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
          throw parentClosed(parent, moved ? 'input.parentId' : 'input.activeToYear');
      }
      if ('activeToYear' in changes && current.activeToYear !== null) {
        const preview = await previewClose(manager, current, current.activeToYear);
        if (preview.laterSubmissions > 0) throw laterWorkError(preview, 'input.activeToYear');
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
    checkLastYear(lastYear);
    const node = await this.get(id);
    return previewClose(this.dataSource.manager, node, lastYear);
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
  ): Promise<OrganizationRow> {
    checkLastYear(input.lastYear);
    return this.dataSource.transaction(async (manager) => {
      const current = await lockCurrent(manager, input.id, input.expectedRevision);
      if (current.activeFromYear !== null && input.lastYear < current.activeFromYear)
        throw badInput('input.lastYear', 'cannot be before activeFromYear', {
          key: 'organization.yearsReversed',
          params: { from: current.activeFromYear, to: input.lastYear },
        });
      const preview = await previewClose(manager, current, input.lastYear);
      if (preview.laterSubmissions > 0) throw laterWorkError(preview, 'input.lastYear');
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
  async *walk(rootId: string | null, batch = 2000): AsyncGenerator<OrganizationRow> {
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
}

export { pathIds };
