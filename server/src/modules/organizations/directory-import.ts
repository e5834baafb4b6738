import { type EntityManager, In } from 'typeorm';
import type { Actor } from '../../common/actor';
import { escapeLike } from '../../common/actor';
import type { Reason } from '../../common/domain-error';
import type { AuditService } from '../audit';
import { OrganizationEntity } from './organization.entity';
import {
  CODE_PATTERN,
  LEVEL_WORDS,
  MAX_YEAR,
  mayReport,
  MIN_YEAR,
  outlivesParent,
  placementProblem,
} from './organization-rules';
import { laterWork, pathIds } from './organization-tree.writer';
import type { DirectoryRecord } from './directory-file.parser';
import { applyPlan } from './directory-apply';
import {
  FIELDS,
  wantedOf,
  type DirectoryChangeKind,
  type DirectoryFieldChange,
  type DirectoryImportReport,
  type Planned,
} from './directory-import.types';

export type * from './directory-import.types';

/**
 * Plans and applies a directory of bodies: creates, changes, moves and closes bodies by code. Every row is
 * checked against the file and the database as they would stand afterwards (parents known,
 * levels nesting, no cycle, no body reporting after its parent closed, no closing under open
 * work); any problem and nothing is written. Bodies absent from the file are left alone: a
 * roster lists what it changes, it does not close what it omits.
 */
export class DirectoryImporter {
  constructor(private readonly audit: AuditService) {}

  async run(
    manager: EntityManager,
    actor: Actor,
    records: DirectoryRecord[],
    dryRun: boolean,
  ): Promise<DirectoryImportReport> {
    const report: DirectoryImportReport = {
      dryRun,
      applied: false,
      created: 0,
      changed: 0,
      moved: 0,
      closed: 0,
      unchanged: 0,
      updated: 0,
      rows: [],
      errors: [],
    };
    const error = (line: number, field: string, message: string, reason: Reason) =>
      report.errors.push({ line, field, message, reason });
    const planned = this.checkRows(records, error);
    const { byCode, byId } = await this.loadExisting(manager, planned);
    this.checkParents(planned, byCode, error);
    this.diff(planned, byCode, byId, error);
    const failed = new Set(report.errors.map((e) => e.line));
    this.checkFinalTree(
      planned.filter((p) => !failed.has(p.record.line)),
      byCode,
      byId,
      error,
    );
    await this.checkClosings(
      manager,
      planned.filter((p) => !failed.has(p.record.line)),
      error,
    );
    const failedNow = new Set(report.errors.map((e) => e.line));
    for (const p of planned) {
      if (failedNow.has(p.record.line)) {
        p.row.action = 'ERROR';
        p.row.kinds = [];
      }
      report.rows.push(p.row);
      if (p.row.action === 'CREATE') report.created++;
      else if (p.row.action === 'UNCHANGED') report.unchanged++;
      else if (p.row.action === 'UPDATE') {
        report.updated++;
        if (p.row.kinds.includes('CHANGED')) report.changed++;
        if (p.row.kinds.includes('MOVED')) report.moved++;
        if (p.row.kinds.includes('CLOSED')) report.closed++;
      }
    }
    report.errors.sort((a, b) => a.line - b.line);
    if (dryRun || report.errors.length > 0) return report;
    await applyPlan(manager, this.audit, actor, planned, report);
    report.applied = true;
    return report;
  }

  /** Each row on its own: code, name, level, years, reports (never for a nation). */
  private checkRows(
    records: DirectoryRecord[],
    error: (line: number, field: string, message: string, reason: Reason) => void,
  ): Planned[] {
    const seen = new Map<string, number>();
    return records.map((record) => {
      const { line, values } = record;
      const code = values.code ?? '';
      if (!CODE_PATTERN.test(code))
        error(line, 'code', 'required: 1–64 letters, digits, dots, dashes or underscores', {
          key: 'directory.row.codeInvalid',
          params: { code },
        });
      else if (seen.has(code))
        error(line, 'code', `duplicate of line ${seen.get(code)}`, {
          key: 'directory.row.codeDuplicate',
          params: { code, line: seen.get(code)! },
        });
      else seen.set(code, line);
      if (!values.name) error(line, 'name', 'required', { key: 'directory.row.nameRequired' });
      else if (values.name.length > 200)
        error(line, 'name', 'too long', { key: 'directory.row.nameTooLong', params: { max: 200 } });
      const level = LEVEL_WORDS[(values.level ?? '').toLowerCase()];
      if (!level)
        error(
          line,
          'level',
          `unknown level "${values.level ?? ''}" (NATION, PROVINCE, CITY, COUNTY, DEPARTMENT, TOWNSHIP or 全国/省/市/县/部门/乡镇)`,
          { key: 'directory.row.levelUnknown', params: { value: values.level ?? '' } },
        );
      for (const column of ['active_from', 'active_to'] as const) {
        const raw = values[column];
        if (raw && (!/^\d{4}$/.test(raw) || Number(raw) < MIN_YEAR || Number(raw) > MAX_YEAR))
          error(line, column, `must be a year between ${MIN_YEAR} and ${MAX_YEAR} or empty`, {
            key: 'directory.row.yearInvalid',
            params: { value: raw, min: MIN_YEAR, max: MAX_YEAR },
          });
      }
      if (
        values.active_from &&
        values.active_to &&
        Number(values.active_to) < Number(values.active_from)
      )
        error(line, 'active_to', 'cannot be before active_from', {
          key: 'directory.row.yearsReversed',
          params: { from: values.active_from, to: values.active_to },
        });
      if (values.reports && !/^(true|false|1|0|yes|no|是|否)$/i.test(values.reports))
        error(line, 'reports', 'must be true/false (是/否)', {
          key: 'directory.row.reportsInvalid',
          params: { value: values.reports },
        });
      const wanted = wantedOf(values, level);
      if (level && wanted.reports && !mayReport(level))
        error(line, 'reports', 'the nation files no report of its own', {
          key: 'directory.row.nationReports',
          params: { code },
        });
      return {
        record,
        code,
        parentCode: values.parent_code ?? '',
        level,
        wanted,
        current: null,
        row: {
          line,
          code,
          name: wanted.name,
          action: 'CREATE',
          kinds: [],
          changes: [],
          fromParent: null,
          toParent: null,
          lastYear: null,
        },
      };
    });
  }

  /** The bodies the file names (codes and parent codes) and all their ancestors, in two queries. */
  private async loadExisting(manager: EntityManager, planned: Planned[]) {
    const codes = [
      ...new Set(planned.flatMap((p) => [p.code, p.parentCode]).filter((c) => c !== '')),
    ];
    const named = codes.length
      ? await manager.find(OrganizationEntity, { where: { code: In(codes) } })
      : [];
    const ancestorIds = [...new Set(named.flatMap((o) => pathIds(o.path)))].filter(
      (id) => !named.some((o) => o.id === id),
    );
    const ancestors = ancestorIds.length
      ? await manager.find(OrganizationEntity, { where: { id: In(ancestorIds) } })
      : [];
    const all = [...named, ...ancestors];
    return {
      byCode: new Map(all.map((o) => [o.code, o])),
      byId: new Map(all.map((o) => [o.id, o])),
    };
  }

  private checkParents(
    planned: Planned[],
    byCode: Map<string, OrganizationEntity>,
    error: (line: number, field: string, message: string, reason: Reason) => void,
  ): void {
    const fileLevels = new Map(planned.map((p) => [p.code, p.level]));
    for (const p of planned) {
      const line = p.record.line;
      if (p.parentCode === '') continue;
      if (p.parentCode === p.code) {
        error(line, 'parent_code', 'an organization cannot be its own parent', {
          key: 'directory.row.ownParent',
          params: { code: p.code },
        });
        continue;
      }
      const parentLevel = fileLevels.has(p.parentCode)
        ? fileLevels.get(p.parentCode)
        : byCode.get(p.parentCode)?.level;
      if (!fileLevels.has(p.parentCode) && !byCode.has(p.parentCode))
        error(
          line,
          'parent_code',
          `no organization with code ${p.parentCode} in the file or the database`,
          { key: 'directory.row.parentUnknown', params: { code: p.parentCode } },
        );
      else if (p.level && parentLevel && placementProblem(p.level, parentLevel) === 'nationRoot')
        error(
          line,
          'parent_code',
          'the nation is the root of the hierarchy and sits under nothing',
          {
            key: 'directory.row.nationRoot',
            params: { code: p.code, parentCode: p.parentCode },
          },
        );
      else if (p.level && parentLevel && placementProblem(p.level, parentLevel))
        error(
          line,
          'parent_code',
          `a ${p.level.toLowerCase()} cannot be placed under a ${parentLevel.toLowerCase()}`,
          {
            key: 'directory.row.levelPlacement',
            params: { code: p.code, parentCode: p.parentCode },
          },
        );
    }
  }

  private diff(
    planned: Planned[],
    byCode: Map<string, OrganizationEntity>,
    byId: Map<string, OrganizationEntity>,
    error: (line: number, field: string, message: string, reason: Reason) => void,
  ): void {
    const fileNames = new Map(planned.map((p) => [p.code, p.wanted.name]));
    const nameOf = (code: string) =>
      code === '' ? null : (fileNames.get(code) ?? byCode.get(code)?.name ?? code);
    for (const p of planned) {
      const current = byCode.get(p.code) ?? null;
      p.current = current;
      if (!current) {
        p.row.action = 'CREATE';
        p.row.kinds = ['CREATED'];
        p.row.toParent = nameOf(p.parentCode);
        continue;
      }
      if (p.level && current.level !== p.level) {
        error(p.record.line, 'level', 'the level of an existing organization cannot change', {
          key: 'directory.row.levelChange',
          params: { code: p.code },
        });
        continue;
      }
      const changes: DirectoryFieldChange[] = [];
      for (const field of FIELDS) {
        const from = current[field] ?? null;
        const to = p.wanted[field];
        if (from !== to) changes.push({ field, from, to });
      }
      const currentParentCode = current.parentId ? (byId.get(current.parentId)?.code ?? '') : '';
      const moved = currentParentCode !== p.parentCode;
      const to = p.wanted.activeToYear;
      const closes = to !== null && (current.activeToYear === null || to < current.activeToYear);
      const kinds: DirectoryChangeKind[] = [];
      if (changes.some((c) => c.field !== 'activeToYear' || !closes)) kinds.push('CHANGED');
      if (moved) kinds.push('MOVED');
      if (closes) kinds.push('CLOSED');
      p.row.changes = changes;
      p.row.kinds = kinds;
      p.row.action = kinds.length === 0 ? 'UNCHANGED' : 'UPDATE';
      if (moved) {
        p.row.fromParent = current.parentId ? (byId.get(current.parentId)?.name ?? null) : null;
        p.row.toParent = nameOf(p.parentCode);
      }
      if (closes) p.row.lastYear = to;
    }
  }

  /** The tree as it would stand: no cycles, no body reporting after its parent stopped. */
  private checkFinalTree(
    planned: Planned[],
    byCode: Map<string, OrganizationEntity>,
    byId: Map<string, OrganizationEntity>,
    error: (line: number, field: string, message: string, reason: Reason) => void,
  ): void {
    const file = new Map(planned.map((p) => [p.code, p]));
    const parentOf = (code: string): string => {
      const row = file.get(code);
      if (row) return row.parentCode;
      const node = byCode.get(code);
      return node?.parentId ? (byId.get(node.parentId)?.code ?? '') : '';
    };
    const lastYearOf = (code: string): number | null =>
      file.has(code)
        ? file.get(code)!.wanted.activeToYear
        : (byCode.get(code)?.activeToYear ?? null);
    for (const p of planned) {
      const line = p.record.line;
      let at = p.parentCode;
      for (let steps = 0; at !== '' && steps < 10_000; steps++) {
        if (at === p.code) {
          error(line, 'parent_code', 'the parent codes form a cycle', {
            key: 'directory.row.cycle',
            params: { code: p.code },
          });
          break;
        }
        at = parentOf(at);
      }
      if (p.parentCode !== '' && outlivesParent(p.wanted.activeToYear, lastYearOf(p.parentCode)))
        error(
          line,
          'parent_code',
          `${p.parentCode} reports only up to ${lastYearOf(p.parentCode)}`,
          {
            key: 'directory.row.parentClosed',
            params: { parentCode: p.parentCode, year: lastYearOf(p.parentCode) ?? '' },
          },
        );
    }
  }

  /**
   * Rows that close a body: no submission of a later year under it, and no body under it (not
   * itself closed by the file) still reporting after its last year.
   */
  private async checkClosings(
    manager: EntityManager,
    planned: Planned[],
    error: (line: number, field: string, message: string, reason: Reason) => void,
  ): Promise<void> {
    const file = new Map(planned.map((p) => [p.code, p]));
    for (const p of planned) {
      if (!p.row.kinds.includes('CLOSED') || !p.current) continue;
      const lastYear = p.wanted.activeToYear!;
      const later = await laterWork(manager, p.current.path, lastYear);
      if (later.count > 0)
        error(p.record.line, 'active_to', `${later.count} submission(s) of later years exist`, {
          key: 'directory.row.laterWork',
          params: { count: later.count, year: later.firstYear ?? lastYear + 1 },
        });
      const below: { code: string; active_to_year: number | null }[] = await manager.query(
        `SELECT code, active_to_year FROM organizations
          WHERE path LIKE $1 AND id <> $3 AND (active_to_year IS NULL OR active_to_year > $2)`,
        [`${escapeLike(p.current.path)}%`, lastYear, p.current.id],
      );
      const open = below.filter((b) => {
        const row = file.get(b.code);
        return !row || outlivesParent(row.wanted.activeToYear, lastYear);
      });
      if (open.length > 0)
        error(p.record.line, 'active_to', `${open.length} bodies under it would still report`, {
          key: 'directory.row.childrenOutlive',
          params: {
            count: open.length,
            codes: open
              .slice(0, 5)
              .map((b) => b.code)
              .join('、'),
          },
        });
    }
  }
}

export { commonAncestor } from './directory-apply';
