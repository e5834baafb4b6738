import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, type EntityManager, In, Repository } from 'typeorm';
import { type Actor, escapeLike } from '../../common/actor';
import {
  badInput,
  conflict,
  forbidden,
  notFound,
  type FieldProblem,
  badInputs,
} from '../../common/domain-error';
import { type Connection, type Page, toConnection } from '../../common/pagination';
import { Role } from '../../common/permissions';
import { isUuid } from '../../common/uuid';
import type { RequestLoaders } from '../../graphql/request-loaders';
import { AuditService } from '../audit/audit.service';
import { isActiveIn, OrganizationEntity, OrganizationLevel } from './organization.entity';
import { parseRosterFile, type RosterRecord } from './roster-file.parser';

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
  withinId?: string | null;
  activeInYear?: number | null;
  search?: string | null;
  levels?: readonly OrganizationLevel[] | null;
  /** Only bodies that report (those a round expects). */
  reportsOnly?: boolean | null;
};

export type RosterImportReport = {
  dryRun: boolean;
  applied: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rows: { line: number; code: string; action: string; changes: string[] }[];
  errors: { line: number; field: string; message: string }[];
};

const RANK: Record<OrganizationLevel, number> = {
  [OrganizationLevel.PROVINCE]: 0,
  [OrganizationLevel.CITY]: 1,
  [OrganizationLevel.COUNTY]: 2,
  [OrganizationLevel.DEPARTMENT]: 3,
  [OrganizationLevel.TOWNSHIP]: 3,
};

const LEVEL_WORDS: Record<string, OrganizationLevel> = {
  ...Object.fromEntries(Object.values(OrganizationLevel).map((l) => [l.toLowerCase(), l])),
  省: OrganizationLevel.PROVINCE,
  市: OrganizationLevel.CITY,
  地级市: OrganizationLevel.CITY,
  县: OrganizationLevel.COUNTY,
  区: OrganizationLevel.COUNTY,
  县级: OrganizationLevel.COUNTY,
  县区: OrganizationLevel.COUNTY,
  部门: OrganizationLevel.DEPARTMENT,
  乡镇: OrganizationLevel.TOWNSHIP,
  街道: OrganizationLevel.TOWNSHIP,
};

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

function checkYears(
  from: number | null | undefined,
  to: number | null | undefined,
  field: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [name, year] of [
    ['activeFromYear', from],
    ['activeToYear', to],
  ] as const) {
    if (
      year !== null &&
      year !== undefined &&
      (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR)
    )
      problems.push({
        field: `${field}.${name}`,
        message: `must be a year between ${MIN_YEAR} and ${MAX_YEAR}`,
      });
  }
  if (from != null && to != null && to < from)
    problems.push({ field: `${field}.activeToYear`, message: 'cannot be before activeFromYear' });
  return problems;
}

/** The hierarchy: who exists, under whom, and in which years they report. */
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(OrganizationEntity)
    private readonly organizations: Repository<OrganizationEntity>,
    private readonly audit: AuditService,
  ) {}

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

  findByIds(ids: readonly string[]): Promise<OrganizationEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.organizations.find({ where: { id: In([...new Set(ids)]) } });
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
  async expectedRoster(
    nodeId: string,
    year: number,
    manager?: EntityManager,
  ): Promise<OrganizationEntity[]> {
    return (await this.subtree(nodeId, manager)).filter((o) => o.reports && isActiveIn(o, year));
  }

  async list(filter: ListOrganizationsFilter, page: Page): Promise<Connection<OrganizationEntity>> {
    const qb = this.organizations.createQueryBuilder('o');
    if (filter.parentId) qb.andWhere('o.parent_id = :parentId', { parentId: filter.parentId });
    if (filter.withinId) {
      const node = await this.get(filter.withinId);
      qb.andWhere('o.path LIKE :prefix', { prefix: `${escapeLike(node.path)}%` });
    }
    if (filter.activeInYear != null)
      qb.andWhere(
        '(o.active_from_year IS NULL OR o.active_from_year <= :y) AND (o.active_to_year IS NULL OR o.active_to_year >= :y)',
        { y: filter.activeInYear },
      );
    if (filter.search) qb.andWhere('o.name LIKE :q', { q: `%${escapeLike(filter.search)}%` });
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
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(input.code ?? ''))
      problems.push({
        field: 'input.code',
        message: '1–64 letters, digits, dots, dashes or underscores',
      });
    if (!input.name?.trim()) problems.push({ field: 'input.name', message: 'required' });
    if (problems.length > 0) throw badInputs(problems);
    return this.dataSource.transaction(async (manager) => {
      const parent = input.parentId
        ? await manager.findOne(OrganizationEntity, { where: { id: input.parentId } })
        : null;
      if (input.parentId && !parent) throw badInput('input.parentId', 'no such organization');
      this.checkPlacement(actor, input.level, parent, 'input.parentId');
      if (await manager.exists(OrganizationEntity, { where: { code: input.code } }))
        throw conflict(`an organization with code ${input.code} exists`);
      const created = await this.insert(manager, input, parent);
      await this.audit.record(manager, actor, {
        organizationId: created.id,
        action: 'organization.create',
        data: { code: created.code, name: created.name },
      });
      return created;
    });
  }

  async update(actor: Actor, input: UpdateOrganizationInput): Promise<OrganizationEntity> {
    const problems = this.validateFields('input', input);
    if (input.name !== undefined && input.name !== null && !input.name.trim())
      problems.push({ field: 'input.name', message: 'cannot be empty' });
    if (problems.length > 0) throw badInputs(problems);
    return this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(OrganizationEntity, {
        where: { id: input.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw notFound('organization');
      if (current.revision !== input.expectedRevision)
        throw conflict(
          `the organization was changed by someone else (revision ${current.revision}, you had ${input.expectedRevision})`,
        );
      const changes = this.applyFields(current, input);
      if (input.parentId !== undefined && input.parentId !== current.parentId) {
        const parent = input.parentId
          ? await manager.findOne(OrganizationEntity, { where: { id: input.parentId } })
          : null;
        if (input.parentId && !parent) throw badInput('input.parentId', 'no such organization');
        if (parent && parent.path.startsWith(current.path))
          throw badInput('input.parentId', 'cannot move an organization under itself');
        this.checkPlacement(actor, current.level, parent, 'input.parentId');
        await this.move(manager, current, parent);
        changes.push('parent');
      }
      checkYearsOrThrow(current);
      const saved = await manager.save(current);
      await this.audit.record(manager, actor, {
        organizationId: saved.id,
        action: 'organization.update',
        data: { changes },
      });
      return saved;
    });
  }

  /** A body closed (merged, abolished) in `lastYear + 1`: expected up to `lastYear` only. */
  async close(
    actor: Actor,
    input: { id: string; lastYear: number; expectedRevision: number },
  ): Promise<OrganizationEntity> {
    return this.update(actor, {
      id: input.id,
      expectedRevision: input.expectedRevision,
      activeToYear: input.lastYear,
    });
  }

  /** CSV/XLSX roster: creates and updates by code; all or nothing; a dry run writes nothing. */
  async importRoster(
    actor: Actor,
    bytes: Buffer,
    fileName: string,
    dryRun: boolean,
  ): Promise<RosterImportReport> {
    const records = await parseRosterFile(bytes, fileName);
    return this.dataSource.transaction(async (manager) => {
      const report = await this.planRoster(manager, actor, records);
      report.dryRun = dryRun;
      if (dryRun || report.errors.length > 0) return report;
      await this.applyRoster(manager, actor, records, report);
      report.applied = true;
      return report;
    });
  }

  // ---------------------------------------------------------------------------------------------

  private validateFields(
    field: string,
    input: OrganizationFields & { level?: OrganizationLevel },
  ): FieldProblem[] {
    const problems = checkYears(input.activeFromYear, input.activeToYear, field);
    for (const key of ['name', 'kind', 'peerGroup', 'region'] as const) {
      const value = input[key];
      if (
        typeof value === 'string' &&
        value.length > (key === 'name' || key === 'region' ? 200 : 100)
      )
        problems.push({ field: `${field}.${key}`, message: 'too long' });
    }
    return problems;
  }

  private applyFields(target: OrganizationEntity, input: OrganizationFields): string[] {
    const changes: string[] = [];
    const set = <K extends keyof OrganizationFields & keyof OrganizationEntity>(
      key: K,
      value: OrganizationEntity[K],
    ) => {
      if (target[key] !== value) {
        target[key] = value;
        changes.push(key);
      }
    };
    if (input.name != null) set('name', input.name.trim());
    if (input.kind !== undefined) set('kind', input.kind ?? null);
    if (input.peerGroup !== undefined) set('peerGroup', input.peerGroup ?? null);
    if (input.region !== undefined) set('region', input.region ?? null);
    if (input.activeFromYear !== undefined) set('activeFromYear', input.activeFromYear ?? null);
    if (input.activeToYear !== undefined) set('activeToYear', input.activeToYear ?? null);
    if (input.reports != null) set('reports', input.reports);
    return changes;
  }

  private checkPlacement(
    actor: Actor | null,
    level: OrganizationLevel,
    parent: OrganizationEntity | null,
    field: string,
  ): void {
    if (parent === null) {
      if (actor && actor.role !== Role.ADMIN) throw forbidden('only an admin may create a root');
      return;
    }
    if (RANK[parent.level] >= RANK[level])
      throw badInput(
        field,
        `a ${level.toLowerCase()} cannot be placed under a ${parent.level.toLowerCase()}`,
      );
  }

  private async insert(
    manager: EntityManager,
    input: CreateOrganizationInput,
    parent: OrganizationEntity | null,
  ): Promise<OrganizationEntity> {
    const entity = manager.create(OrganizationEntity, {
      code: input.code,
      name: input.name.trim(),
      level: input.level,
      parentId: parent?.id ?? null,
      kind: input.kind ?? null,
      peerGroup: input.peerGroup ?? null,
      region: input.region ?? null,
      activeFromYear: input.activeFromYear ?? null,
      activeToYear: input.activeToYear ?? null,
      reports: input.reports ?? true,
      isDemo: input.isDemo ?? false,
      path: '/',
    });
    const saved = await manager.save(entity);
    saved.path = `${parent?.path ?? '/'}${saved.id}/`;
    await manager.update(OrganizationEntity, { id: saved.id }, { path: saved.path });
    return saved;
  }

  private async move(
    manager: EntityManager,
    node: OrganizationEntity,
    parent: OrganizationEntity | null,
  ): Promise<void> {
    const oldPath = node.path;
    const newPath = `${parent?.path ?? '/'}${node.id}/`;
    await manager.query(
      `UPDATE organizations SET path = $2 || substr(path, length($1) + 1), revision = revision + 1
        WHERE path LIKE $3 AND id <> $4`,
      [oldPath, newPath, `${escapeLike(oldPath)}%`, node.id],
    );
    node.parentId = parent?.id ?? null;
    node.path = newPath;
  }

  private async planRoster(
    manager: EntityManager,
    actor: Actor,
    records: RosterRecord[],
  ): Promise<RosterImportReport> {
    const report: RosterImportReport = {
      dryRun: true,
      applied: false,
      created: 0,
      updated: 0,
      unchanged: 0,
      rows: [],
      errors: [],
    };
    const codes = records.map((r) => r.values.code ?? '');
    const existing = await manager.find(OrganizationEntity, {
      where: {
        code: In([
          ...new Set(
            [...codes, ...records.map((r) => r.values.parent_code ?? '')].filter((c) => c !== ''),
          ),
        ]),
      },
    });
    const byCode = new Map(existing.map((o) => [o.code, o]));
    const fileLevels = new Map<string, OrganizationLevel>();
    const seen = new Map<string, number>();
    const error = (line: number, field: string, message: string) =>
      report.errors.push({ line, field, message });
    for (const { line, values } of records) {
      const code = values.code ?? '';
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(code))
        error(line, 'code', 'required: 1–64 letters, digits, dots, dashes or underscores');
      else if (seen.has(code)) error(line, 'code', `duplicate of line ${seen.get(code)}`);
      else seen.set(code, line);
      if (!values.name) error(line, 'name', 'required');
      else if (values.name.length > 200) error(line, 'name', 'too long');
      const level = LEVEL_WORDS[(values.level ?? '').toLowerCase()];
      if (!level)
        error(
          line,
          'level',
          `unknown level "${values.level ?? ''}" (PROVINCE, CITY, COUNTY, DEPARTMENT, TOWNSHIP or 省/市/县/部门/乡镇)`,
        );
      else fileLevels.set(code, level);
      for (const [column, name] of [
        ['active_from', 'activeFromYear'],
        ['active_to', 'activeToYear'],
      ] as const) {
        const raw = values[column];
        if (raw && !/^\d{4}$/.test(raw)) error(line, column, 'must be a four-digit year or empty');
        else if (raw && (Number(raw) < MIN_YEAR || Number(raw) > MAX_YEAR))
          error(line, column, `must be between ${MIN_YEAR} and ${MAX_YEAR}`);
        void name;
      }
      if (
        values.active_from &&
        values.active_to &&
        Number(values.active_to) < Number(values.active_from)
      )
        error(line, 'active_to', 'cannot be before active_from');
      if (values.reports && !/^(true|false|1|0|yes|no|是|否)$/i.test(values.reports))
        error(line, 'reports', 'must be true/false (是/否)');
    }
    // parents: in the database or earlier/later in the file; levels must nest; no cycles
    for (const { line, values } of records) {
      const code = values.code ?? '';
      const parentCode = values.parent_code ?? '';
      const level = fileLevels.get(code);
      if (parentCode === '') {
        if (actor.role !== Role.ADMIN) error(line, 'parent_code', 'required');
        continue;
      }
      if (parentCode === code) {
        error(line, 'parent_code', 'an organization cannot be its own parent');
        continue;
      }
      const parentLevel = fileLevels.get(parentCode) ?? byCode.get(parentCode)?.level;
      if (!parentLevel)
        error(
          line,
          'parent_code',
          `no organization with code ${parentCode} in the file or the database`,
        );
      else if (level && RANK[parentLevel] >= RANK[level])
        error(
          line,
          'parent_code',
          `a ${level.toLowerCase()} cannot be placed under a ${parentLevel.toLowerCase()}`,
        );
    }
    for (const { line, values } of records) {
      const code = values.code ?? '';
      const current = byCode.get(code);
      if (report.errors.some((e) => e.line === line)) {
        report.rows.push({ line, code, action: 'ERROR', changes: [] });
        continue;
      }
      if (!current) {
        report.created++;
        report.rows.push({ line, code, action: 'CREATE', changes: [] });
        continue;
      }
      const wanted = rosterFields(values);
      const changes: string[] = [];
      if (current.name !== wanted.name) changes.push('name');
      if (current.level !== fileLevels.get(code)) changes.push('level');
      if ((current.kind ?? null) !== wanted.kind) changes.push('kind');
      if ((current.peerGroup ?? null) !== wanted.peerGroup) changes.push('peerGroup');
      if ((current.region ?? null) !== wanted.region) changes.push('region');
      if (current.activeFromYear !== wanted.activeFromYear) changes.push('activeFromYear');
      if (current.activeToYear !== wanted.activeToYear) changes.push('activeToYear');
      if (current.reports !== wanted.reports) changes.push('reports');
      const parentCode = values.parent_code ?? '';
      const currentParent = current.parentId
        ? (existing.find((o) => o.id === current.parentId)?.code ?? '?')
        : '';
      if (parentCode !== currentParent) changes.push('parent');
      if (changes.includes('level')) {
        report.errors.push({
          line,
          field: 'level',
          message: 'the level of an existing organization cannot change',
        });
        report.rows.push({ line, code, action: 'ERROR', changes });
        continue;
      }
      if (changes.length === 0) report.unchanged++;
      else report.updated++;
      report.rows.push({
        line,
        code,
        action: changes.length === 0 ? 'UNCHANGED' : 'UPDATE',
        changes,
      });
    }
    return report;
  }

  private async applyRoster(
    manager: EntityManager,
    actor: Actor,
    records: RosterRecord[],
    report: RosterImportReport,
  ): Promise<void> {
    const pending = [...records];
    const byCode = new Map<string, OrganizationEntity>();
    const load = async (code: string) => {
      if (!byCode.has(code)) {
        const found = await manager.findOne(OrganizationEntity, { where: { code } });
        if (found) byCode.set(code, found);
      }
      return byCode.get(code) ?? null;
    };
    // parents first: repeat passes until every row whose parent exists is placed
    while (pending.length > 0) {
      let progressed = false;
      for (let i = 0; i < pending.length; i++) {
        const record = pending[i]!;
        const values = record.values;
        const parentCode = values.parent_code ?? '';
        const parent = parentCode ? await load(parentCode) : null;
        if (parentCode && !parent) continue;
        const code = values.code!;
        const row = report.rows.find((r) => r.line === record.line);
        const current = await load(code);
        const fields = rosterFields(values);
        if (!current) {
          const created = await this.insert(
            manager,
            {
              code,
              level: LEVEL_WORDS[values.level!.toLowerCase()]!,
              parentId: parent?.id ?? null,
              ...fields,
            },
            parent,
          );
          byCode.set(code, created);
          await this.audit.record(manager, actor, {
            organizationId: created.id,
            action: 'organization.import',
            data: { code, created: true },
          });
        } else if (row?.action === 'UPDATE') {
          this.applyFields(current, fields);
          if ((parent?.id ?? null) !== current.parentId) {
            if (parent && parent.path.startsWith(current.path))
              throw badInput(`line ${record.line}.parent_code`, 'would create a cycle');
            await this.move(manager, current, parent);
          }
          byCode.set(code, await manager.save(current));
          await this.audit.record(manager, actor, {
            organizationId: current.id,
            action: 'organization.import',
            data: { code, changes: row.changes },
          });
        }
        pending.splice(i, 1);
        i--;
        progressed = true;
      }
      if (!progressed) throw badInput('parent_code', 'the parent codes form a cycle');
    }
  }
}

function rosterFields(values: Record<string, string>) {
  const year = (raw: string | undefined) => (raw ? Number(raw) : null);
  return {
    name: values.name ?? '',
    kind: values.kind || null,
    peerGroup: values.peer_group || null,
    region: values.region || null,
    activeFromYear: year(values.active_from),
    activeToYear: year(values.active_to),
    reports: values.reports ? /^(true|1|yes|是)$/i.test(values.reports) : true,
  };
}

function checkYearsOrThrow(o: OrganizationEntity): void {
  if (o.activeFromYear !== null && o.activeToYear !== null && o.activeToYear < o.activeFromYear)
    throw badInput('input.activeToYear', 'cannot be before activeFromYear');
}
