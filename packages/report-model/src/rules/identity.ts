import type { AnnualReport } from '../report/annual-report.types';
import type { Label } from '../templates/labels';
import type { TableId } from '../templates/template.types';
import type { Finding, RuleId, Severity } from './finding.types';

/** One cell in an identity. */
export type Term = {
  readonly path: string;
  readonly table: TableId;
  readonly row: string;
  readonly column: string;
  readonly sign: 1 | -1;
  /** Which report the value is read from. */
  readonly from: 'current' | 'previous';
  /** An optional term whose row is absent (not printed) is left out instead of skipping the identity. */
  readonly optional: boolean;
};

/** `actual <relation> expected`, each side a signed sum of cells. */
export type Identity = {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly relation: 'eq' | 'lte' | 'gte';
  readonly actual: readonly Term[];
  readonly expected: readonly Term[];
  readonly actualLabel: Label;
  readonly expectedLabel: Label;
};

export function term(
  table: TableId,
  row: string,
  column: string,
  options: { sign?: 1 | -1; from?: 'current' | 'previous'; optional?: boolean } = {},
): Term {
  return {
    path: `${table}.${row}.${column}`,
    table,
    row,
    column,
    sign: options.sign ?? 1,
    from: options.from ?? 'current',
    optional: options.optional ?? false,
  };
}

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e6) / 1e6);
}

function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

const SKIP = Number.NaN;

/** Signed sum of one side; NaN when a blank or missing cell makes the identity unevaluable. */
function sumSide(
  terms: readonly Term[],
  report: AnnualReport,
  previous: AnnualReport | undefined,
): number {
  let sum = 0;
  let used = 0;
  for (let i = 0; i < terms.length; i += 1) {
    const t = terms[i] as Term;
    const source = t.from === 'current' ? report : previous;
    const value = source?.tables[t.table]?.[t.row]?.[t.column];
    if (value === undefined) {
      if (t.optional) continue;
      return SKIP;
    }
    if (value === null) return SKIP;
    sum += t.sign * value;
    used += 1;
  }
  return used === 0 ? SKIP : sum;
}

function presentCells(terms: readonly Term[], report: AnnualReport, cells: string[]): void {
  for (const t of terms) {
    if (t.from === 'current' && report.tables[t.table]?.[t.row]?.[t.column] !== undefined) {
      cells.push(t.path);
    }
  }
}

/**
 * Evaluates an identity. Returns a finding when it does not hold, null when it holds, and
 * undefined when it cannot be evaluated (a blank or missing cell: completeness reports those).
 */
export function evaluateIdentity(
  identity: Identity,
  report: AnnualReport,
  previous?: AnnualReport,
): Finding | null | undefined {
  const actual = sumSide(identity.actual, report, previous);
  if (Number.isNaN(actual)) return undefined;
  const expected = sumSide(identity.expected, report, previous);
  if (Number.isNaN(expected)) return undefined;
  const holds =
    identity.relation === 'eq'
      ? sameNumber(actual, expected)
      : identity.relation === 'lte'
        ? actual <= expected || sameNumber(actual, expected)
        : actual >= expected || sameNumber(actual, expected);
  if (holds) return null;
  const cells: string[] = [];
  presentCells(identity.actual, report, cells);
  presentCells(identity.expected, report, cells);
  const a = formatNumber(actual);
  const e = formatNumber(expected);
  const { actualLabel: al, expectedLabel: el } = identity;
  const [message, messageEn] =
    identity.relation === 'eq'
      ? [`${al.zh}为${a}，但${el.zh}为${e}`, `${al.en} is ${a}, but ${el.en} is ${e}`]
      : identity.relation === 'lte'
        ? [`${al.zh}为${a}，大于${el.zh}（${e}）`, `${al.en} (${a}) exceeds ${el.en} (${e})`]
        : [`${al.zh}为${a}，小于${el.zh}（${e}）`, `${al.en} (${a}) is below ${el.en} (${e})`];
  return {
    rule: identity.rule,
    severity: identity.severity,
    cells,
    expected,
    actual,
    message,
    messageEn,
  };
}
