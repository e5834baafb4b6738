import { SECTION_KEYS, type AnnualReport } from '@gongkai/report-model';
import { DEFAULT_KEY_TOTALS, type RosterSummary } from '@gongkai/scoring';

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
export type ReportColumns = {
  report: AnnualReport | null;
  has_previous_report: boolean;
  same_prose: boolean | null;
  same_tables: boolean | null;
  previous_totals: unknown[] | null;
};

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
