import { SECTION_KEYS, type AnnualReport, type Finding } from '@gongkai/report-model';
import {
  DEFAULT_KEY_TOTALS,
  shanghaiEndOfDay,
  toShanghaiIso,
  type RosterSummary,
  type ScoringInput,
  type SubmissionStatus as ScoringStatus,
} from '@gongkai/scoring';
import { escapeLike } from '../../common/actor';
import type { InputRef } from './input-ref';
import { Interner } from './interner';
import { effectiveDeadlineSql, expectedInRoundSql } from '../rounds/round-deadline.sql';

/** One organization expected in a round, with everything scoring reads, as stored. */
type SourceRow = {
  id: string;
  name: string;
  path: string;
  kind: string | null;
  peer_group: string | null;
  level: string;
  parent_name: string | null;
  parent_level: string | null;
  deadline: string;
  status: string | null;
  first_submitted_at: Date | null;
  last_submitted_at: Date | null;
  returned_at: Date | null;
  version_id: string | null;
  report: AnnualReport | null;
  findings: Finding[] | null;
  previous_version_id: string | null;
  has_previous_report: boolean;
  same_prose: boolean | null;
  same_tables: boolean | null;
  previous_totals: unknown[] | null;
  previous_errors: number | null;
  previous_warnings: number | null;
};

export type SourceRound = {
  readonly id: string;
  readonly year: number;
  readonly scopeOrganizationId: string;
  readonly scopePath: string;
};

/** A full input and its reference form, aligned. */
export type SourceItem = { readonly input: ScoringInput; readonly ref: InputRef };

/**
 * Roster summaries for a chunk of organizations, when a roster module provides them.
 * Bound under ROSTER_SUMMARY_PROVIDER; without it, staffing is read from the reports' prose.
 */
export type RosterSummaryProvider = {
  summaries(
    roundId: string,
    organizationIds: readonly string[],
  ): Promise<ReadonlyMap<string, RosterSummary>>;
  /** Instant a roster must have been updated at or after (`staffing.rosterNotUpdated`), if any. */
  updatedSince?(roundId: string): Promise<string | null>;
};
export const ROSTER_SUMMARY_PROVIDER = Symbol('ROSTER_SUMMARY_PROVIDER');

const STATUS: Readonly<Record<string, ScoringStatus>> = {
  DRAFT: 'draft',
  SUBMITTED: 'submitted',
  RETURNED: 'returned',
  RESUBMITTED: 'resubmitted',
  APPROVED: 'approved',
  PUBLISHED: 'published',
};

/**
 * Expected organizations of the round (reporting bodies of the scope's subtree active in the
 * round's year) with their submission state, effective deadline (extension or the level's
 * deadline), when they were last returned, the submitted version's report and stored findings,
 * and last year's version (the one the cross-year rules compared with, else the previous
 * round's submitted version). One statement, read through a cursor in chunks: memory stays
 * bounded and the number of queries does not grow with the organizations (one FETCH per chunk).
 */
/** The parts of a report that flags and indicators read (not its prose, provenance, units). */
export const REPORT_SQL = (alias: string) =>
  `${alias}.report - ARRAY['sections', 'provenance', 'units', 'organization', 'title', 'publishedOn']`;

/** A section's prose without the characters `equalIgnoringWhitespace` skips ($3). */
const bare = (alias: string, key: string) =>
  `translate(COALESCE(${alias}.report->'sections'->>'${key}', ''), $3, '')`;

/** `identicalProse(report, previous)`: the same non-blank prose in every section. */
export const SAME_PROSE_SQL = `CASE WHEN v.report IS NULL OR pv.report IS NULL THEN NULL
  WHEN ${SECTION_KEYS.map((key) => `${bare('v', key)} = ${bare('pv', key)}`).join('\n   AND ')}
  THEN (${SECTION_KEYS.map((key) => `${bare('v', key)} <> ''`).join(' OR ')})
  ELSE false END`;

/** Last year's key totals (`DEFAULT_KEY_TOTALS`, read by the year-on-year flags), in order. */
export const PREVIOUS_TOTALS_SQL = `jsonb_build_array(${DEFAULT_KEY_TOTALS.map((path) => {
  const [table = '', row = '', column = ''] = path.split('.');
  const at = table === 'facts' ? `{facts,${row}}` : `{tables,${table},${row},${column}}`;
  return `pv.report #> '${at}'`;
}).join(', ')})`;

/**
 * Expected organizations of the round (reporting bodies of the scope's subtree active in the
 * round's year) with their submission state, effective deadline (extension or the level's
 * deadline), when they were last returned, the submitted version's report and stored findings,
 * and last year's version (the one the cross-year rules compared with, else the previous
 * round's submitted version). One statement, read through a cursor in chunks: memory stays
 * bounded and the number of queries does not grow with the organizations (one FETCH per chunk).
 *
 * Only what flags and indicators read leaves the database: the report without its prose,
 * provenance and units, and of last year's report only its key totals and whether its prose
 * and tables equal this year's (decided here; see `toItem`).
 */
const SOURCE_SQL = `
SELECT o.id, o.name, o.path, o.kind, o.peer_group, o.level::text AS level,
       p.name AS parent_name, p.level::text AS parent_level,
       ${effectiveDeadlineSql('r', 'o', 'x')}::text AS deadline,
       s.status::text AS status, s.first_submitted_at, s.last_submitted_at,
       ret.returned_at,
       v.id AS version_id, ${REPORT_SQL('v')} AS report, v.findings,
       pv.id AS previous_version_id, pv.report IS NOT NULL AS has_previous_report,
       ${SAME_PROSE_SQL} AS same_prose,
       v.report->'tables' = pv.report->'tables' AS same_tables,
       CASE WHEN v.report IS NOT NULL THEN ${PREVIOUS_TOTALS_SQL} END AS previous_totals,
       pv.error_count AS previous_errors, pv.warning_count AS previous_warnings
  FROM rounds r
  JOIN organizations o ON o.path LIKE $2 AND ${expectedInRoundSql('r', 'o')}
  LEFT JOIN organizations p ON p.id = o.parent_id
  LEFT JOIN round_extensions x ON x.round_id = r.id AND x.organization_id = o.id
  LEFT JOIN submissions s ON s.round_id = r.id AND s.organization_id = o.id
  LEFT JOIN submission_versions v ON v.id = s.submitted_version_id
  LEFT JOIN rounds pr ON pr.scope_organization_id = r.scope_organization_id AND pr.year = r.year - 1
  LEFT JOIN submissions ps ON ps.round_id = pr.id AND ps.organization_id = o.id
  LEFT JOIN submission_versions pv
    ON pv.id = COALESCE(v.previous_year_version_id, ps.submitted_version_id)
  LEFT JOIN LATERAL (
        SELECT max(a.created_at) AS returned_at
          FROM audit_events a
         WHERE a.submission_id = s.id AND a.to_status = 'RETURNED'
       ) ret ON s.status = 'RETURNED'
 WHERE r.id = $1`;

/** The characters `equalIgnoringWhitespace` (content flags) skips. */
export const SKIPPED_SPACE = ' \t\n\v\f\r\u3000\u00a0';

/**
 * Stand-ins for the reports' prose, which the content flags only compare between the two years
 * (`identicalProse`): shared by this year's and last year's report when SQL found the same
 * non-blank prose, blank otherwise, so the comparison gives the answer SQL computed.
 */
const SAME_PROSE: AnnualReport['sections'] = Object.freeze({
  [SECTION_KEYS[0] as string]: '.',
}) as unknown as AnnualReport['sections'];
const NO_PROSE: AnnualReport['sections'] = Object.freeze({}) as AnnualReport['sections'];
/**
 * A table no report has: last year's stand-in tables (its key totals only) then never equal this
 * year's in `identicalTables`, as SQL found.
 */
const NOT_THIS_YEARS_TABLES = '\u0000differs';

/** What the source statement returns about a version's report and last year's. */
export type ReportColumns = Pick<
  SourceRow,
  'report' | 'has_previous_report' | 'same_prose' | 'same_tables' | 'previous_totals'
>;

/**
 * This year's report and last year's as flags and indicators read them: this year's without
 * prose (`sections` stands in for the prose comparison), last year's as its key totals and
 * the outcome of comparing its prose and tables with this year's.
 */
export function scoredReports(row: ReportColumns): {
  report: AnnualReport | null;
  previous: AnnualReport | null;
} {
  if (row.report === null) return { report: null, previous: null };
  const report: AnnualReport = {
    ...row.report,
    sections: row.same_prose === true ? SAME_PROSE : NO_PROSE,
  };
  return { report, previous: previousStandIn(row, report) };
}

/** Last year's report as the flags read it: key totals, prose and tables equality. */
function previousStandIn(row: ReportColumns, report: AnnualReport): AnnualReport | null {
  if (!row.has_previous_report) return null;
  const tables: Record<string, Record<string, Record<string, unknown>>> = {};
  const facts: Record<string, unknown> = {};
  DEFAULT_KEY_TOTALS.forEach((path, i) => {
    const value = row.previous_totals?.[i] ?? null;
    if (value === null) return;
    const [table = '', rowKey = '', column = ''] = path.split('.');
    if (table === 'facts') {
      facts[rowKey] = value;
      return;
    }
    const rows = (tables[table] ??= {});
    (rows[rowKey] ??= {})[column] = value;
  });
  tables[NOT_THIS_YEARS_TABLES] = {};
  return {
    ...report,
    sections: row.same_prose === true ? SAME_PROSE : NO_PROSE,
    tables: row.same_tables === true ? report.tables : (tables as AnnualReport['tables']),
    facts: facts as AnnualReport['facts'],
  } as AnnualReport;
}

export const SOURCE_CHUNK = 250;

function instant(value: Date | null): string | null {
  return value === null ? null : toShanghaiIso(value.getTime());
}

function defaultPeerGroup(row: SourceRow): string {
  const own = row.level.toLowerCase();
  return row.parent_level ? `${row.parent_level.toLowerCase()}-${own}` : own;
}

/**
 * Runs one statement on one connection and returns its rows: a TypeORM QueryRunner's `query`,
 * or a `pg` client's in the board-building worker.
 */
export type SqlQuery = (sql: string, parameters?: unknown[]) => Promise<unknown[]>;

/**
 * Streams the round's scoring inputs in chunks to `onChunk` (which may be async; the next
 * chunk is fetched after it returns), in one REPEATABLE READ transaction on the connection
 * `query` runs on (which must not be in a transaction already).
 */
export async function readScoringSource(
  query: SqlQuery,
  round: SourceRound,
  onChunk: (items: SourceItem[]) => Promise<void> | void,
  options: {
    roster?: Pick<RosterSummaryProvider, 'summaries'> | null;
    chunkSize?: number;
  } = {},
): Promise<void> {
  const chunkSize = options.chunkSize ?? SOURCE_CHUNK;
  const intern = new Interner();
  await query('BEGIN ISOLATION LEVEL REPEATABLE READ');
  try {
    await query(`DECLARE scoring_source NO SCROLL CURSOR FOR ${SOURCE_SQL}`, [
      round.id,
      `${escapeLike(round.scopePath)}%`,
      SKIPPED_SPACE,
    ]);
    for (;;) {
      const rows = (await query(`FETCH ${chunkSize} FROM scoring_source`)) as SourceRow[];
      if (rows.length === 0) break;
      const rosters = options.roster
        ? await options.roster.summaries(
            round.id,
            rows.map((row) => row.id),
          )
        : null;
      await onChunk(rows.map((row) => toItem(row, rosters?.get(row.id) ?? null, intern)));
      if (rows.length < chunkSize) break;
    }
    await query('CLOSE scoring_source');
    await query('COMMIT');
  } catch (error) {
    await query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function toItem(row: SourceRow, roster: RosterSummary | null, intern: Interner): SourceItem {
  // Segments are slices of the path: interned, or the row's own id, so no organization's
  // whole path string stays reachable from the board.
  const regionPath = row.path
    .split('/')
    .filter((segment) => segment !== '')
    .map((id) => (id === row.id ? row.id : intern.get(id)));
  const peerGroup = intern.get(row.peer_group ?? defaultPeerGroup(row));
  const deadline = intern.get(shanghaiEndOfDay(row.deadline));
  const status = row.status === null ? null : intern.get(row.status);
  const firstSubmittedAt = instant(row.first_submitted_at);
  const returnedAt = instant(row.returned_at);
  const { report, previous } = scoredReports(row);
  const ref: InputRef = {
    organizationId: row.id,
    organizationName: row.name,
    regionName: intern.get(row.parent_name),
    regionPath,
    peerGroup,
    departmentType: intern.get(row.kind),
    deadline,
    status,
    firstSubmittedAt,
    lastSubmittedAt: instant(row.last_submitted_at),
    returnedAt,
    versionId: row.version_id,
    previousVersionId: row.previous_version_id,
    roster,
  };
  const input: ScoringInput = {
    organizationId: row.id,
    peerGroup,
    regionPath,
    deadline,
    submission:
      row.status === null
        ? null
        : {
            status: STATUS[row.status] ?? 'draft',
            firstSubmittedAt,
            lastSubmittedAt: ref.lastSubmittedAt,
            returnedAt,
          },
    report,
    findings: row.findings ?? [],
    previous: {
      findingCounts:
        row.previous_version_id === null
          ? null
          : { error: row.previous_errors ?? 0, warning: row.previous_warnings ?? 0 },
      report: previous,
    },
    roster,
  };
  return { input, ref };
}
