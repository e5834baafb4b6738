import { SECTION_KEYS, type AnnualReport, type Finding } from '@gongkai/report-model';
import { DEFAULT_KEY_TOTALS } from '@gongkai/scoring';
import type { WrittenVersion } from '../submissions';
import { SKIPPED_SPACE, scoredReports, type ReportColumns } from './scoring-source.reader';
import { inputColumns, versionScoringInputs } from './version-inputs';

/**
 * The scoring inputs of a version computed from the report in memory instead of read back from
 * PostgreSQL: the bulk path calls `computeWritten` (through `VersionInputsWriter.computeWritten`)
 * for each version it checked, so a batch's versions are not read,
 * decompressed and sent back after their INSERT. Everything `VERSION_SOURCE_SQL` computes is
 * computed here the way PostgreSQL does (`jsonb` key order, `translate`, `->>`, `#>`, `jsonb`
 * equality); where a report holds something these rules do not cover (prose that is not text,
 * an array on a key-total path), the version is left to the SQL reading (`null`). A test compares
 * the two on a synthetic nation with defects.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** `jsonb`'s order of object keys: shorter (in UTF-8 bytes) first, then bytewise. */
function jsonbKeyOrder(a: string, b: string): number {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length - y.length || Buffer.compare(x, y);
}

/** An object's keys as found, in `jsonb`'s order, and whether they already are in it. */
type Shape = { readonly keys: string[]; readonly sorted: string[]; readonly ordered: boolean };

/**
 * Shapes by their first key (reports repeat a few shapes many times): a lookup compares the
 * keys one by one (property names are interned, so each is a pointer comparison) instead of
 * joining them into a new string per object.
 */
const SHAPES = new Map<string, Shape[]>();
let shapeCount = 0;

function shapeOf(keys: string[]): Shape {
  const first = keys.length === 0 ? '' : keys[0]!;
  let list = SHAPES.get(first);
  if (list)
    for (const shape of list) {
      if (shape.keys.length !== keys.length) continue;
      let i = 0;
      while (i < keys.length && shape.keys[i] === keys[i]) i += 1;
      if (i === keys.length) return shape;
    }
  const sorted = [...keys].sort(jsonbKeyOrder);
  // `__proto__` is set, not defined, by an assignment: such an object is always rebuilt
  const ordered = !keys.includes('__proto__') && sorted.every((key, i) => key === keys[i]);
  const shape: Shape = { keys, sorted, ordered };
  if (shapeCount >= 10_000) {
    SHAPES.clear();
    shapeCount = 0;
    list = undefined;
  }
  if (!list) SHAPES.set(first, (list = []));
  list.push(shape);
  shapeCount += 1;
  return shape;
}

/**
 * A value just parsed from JSON with its objects' keys in `jsonb`'s order, as read back: an
 * object whose keys already are in that order (all of them, in text `jsonb` wrote) is kept and
 * only its values are looked at, the others are copied key by key in that order. Takes the
 * parsed value over (its objects and arrays may be changed or returned).
 */
export function asReadFromJsonb(value: Json): Json {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) value[i] = asReadFromJsonb(value[i]!);
    return value;
  }
  const keys = Object.keys(value);
  const shape = shapeOf(keys);
  if (shape.ordered) {
    for (const key of keys) {
      const inner = value[key]!;
      if (inner !== null && typeof inner === 'object') value[key] = asReadFromJsonb(inner);
    }
    return value;
  }
  const out: { [key: string]: Json } = {};
  for (const key of shape.sorted) out[key] = asReadFromJsonb(value[key]!);
  return out;
}

/** `jsonb` equality (as `=`): same keys and equal values, arrays in order, numbers by value. */
function jsonbEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => jsonbEqual(v, b[i]!));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && jsonbEqual(a[k]!, b[k]!));
}

const SKIPPED = new RegExp(`[${SKIPPED_SPACE.replace(/\\/g, '')}]`, 'gu');
/** Not computed here: the SQL reading decides. */
const UNCOVERED = Symbol('uncovered');

/** `translate(COALESCE(report->'sections'->>key, ''), SKIPPED_SPACE, '')`. */
function bareProse(report: { [key: string]: Json }, key: string): string | typeof UNCOVERED {
  const sections = report.sections;
  if (sections === undefined || sections === null || typeof sections !== 'object') return '';
  if (Array.isArray(sections)) return '';
  const value = sections[key];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return UNCOVERED;
  return value.replace(SKIPPED, '');
}

/** `SAME_PROSE_SQL` for a version with last year's report. */
function sameProse(
  report: { [key: string]: Json },
  previous: { [key: string]: Json },
): boolean | typeof UNCOVERED {
  let equal = true;
  let any = false;
  for (const key of SECTION_KEYS) {
    const mine = bareProse(report, key);
    const theirs = bareProse(previous, key);
    if (mine === UNCOVERED || theirs === UNCOVERED) return UNCOVERED;
    if (mine !== theirs) equal = false;
    if (mine !== '') any = true;
  }
  return equal ? any : false;
}

/** `PREVIOUS_TOTALS_SQL`: `report #> path` for each key total (JSON null where absent). */
function previousTotals(previous: { [key: string]: Json }): Json[] | typeof UNCOVERED {
  const totals: Json[] = [];
  for (const path of DEFAULT_KEY_TOTALS) {
    const [table = '', row = '', column = ''] = path.split('.');
    const steps = table === 'facts' ? ['facts', row] : ['tables', table, row, column];
    let at: Json | undefined = previous;
    for (const step of steps) {
      if (at === null || at === undefined || typeof at !== 'object') {
        at = undefined;
        break;
      }
      // `#>` reads an array's element by a numeric step: left to SQL
      if (Array.isArray(at)) return UNCOVERED;
      at = at[step];
    }
    totals.push(at === undefined ? null : at);
  }
  return totals;
}

const DROPPED = ['sections', 'provenance', 'units', 'organization', 'title', 'publishedOn'];

/**
 * The stored row of `version_scoring_inputs` (without the ids of the version, submission,
 * organization and round, which the writer adds) as JSON text, or null to leave the version to
 * the SQL reading.
 */
export function computeWritten(version: WrittenVersion): string | null {
  const report = asReadFromJsonb(JSON.parse(version.report) as Json) as { [key: string]: Json };
  const findings = asReadFromJsonb(JSON.parse(version.findings) as Json) as unknown as Finding[];
  const previous = version.previous
    ? (asReadFromJsonb(JSON.parse(version.previous.report) as Json) as { [key: string]: Json })
    : null;
  const prose = previous ? sameProse(report, previous) : null;
  const totals = previous ? previousTotals(previous) : null;
  if (prose === UNCOVERED || totals === UNCOVERED) return null;
  const stripped: { [key: string]: Json } = {};
  for (const key of Object.keys(report)) if (!DROPPED.includes(key)) stripped[key] = report[key]!;
  const tablesEqual =
    previous && report.tables !== undefined && previous.tables !== undefined
      ? jsonbEqual(report.tables, previous.tables)
      : null;
  const columns: ReportColumns = {
    report: stripped as unknown as AnnualReport,
    has_previous_report: previous !== null,
    same_prose: prose,
    same_tables: tablesEqual,
    previous_totals: totals,
  };
  const scored = scoredReports(columns);
  const inputs = versionScoringInputs({
    report: scored.report as AnnualReport,
    findings,
    previousReport: scored.previous,
    previousVersionId: version.previous?.versionId ?? null,
    previousErrors: version.previous?.errorCount ?? null,
    previousWarnings: version.previous?.warningCount ?? null,
    sameProse: prose,
    sameTables: tablesEqual,
  });
  return JSON.stringify(inputColumns(inputs));
}
