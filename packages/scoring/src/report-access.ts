import type { FactKey } from '@gongkai/report-model';
import type { AnnualReport, Finding } from './report.types';

type ParsedPath =
  | { readonly kind: 'fact'; readonly fact: FactKey }
  | {
      readonly kind: 'cell';
      readonly table: string;
      readonly row: string;
      readonly column: string;
    };

type Cells = Partial<
  Record<string, Partial<Record<string, Partial<Record<string, number | null>>>>>
>;

/** Paths are a small fixed set read for every organization: split each one once. */
const parsedPaths = new Map<string, ParsedPath>();

function parsePath(path: string): ParsedPath {
  let parsed = parsedPaths.get(path);
  if (!parsed) {
    const [table = '', row = '', column = ''] = path.split('.');
    parsed =
      table === 'facts'
        ? { kind: 'fact', fact: row as FactKey }
        : { kind: 'cell', table, row, column };
    parsedPaths.set(path, parsed);
  }
  return parsed;
}

/**
 * A number stated in the prose (`facts.proactiveItems`) or a cell (`applications.total.total`);
 * null when blank or not printed. (Same as report-model's `getCell`, without splitting the path
 * on every call: this runs for every organization of a national ranking.)
 */
export function reportNumber(report: AnnualReport, path: string): number | null {
  const parsed = parsePath(path);
  const value =
    parsed.kind === 'fact'
      ? report.facts?.[parsed.fact]
      : (report.tables as Cells)[parsed.table]?.[parsed.row]?.[parsed.column];
  return typeof value === 'number' ? value : null;
}

/** How many units a finding stands for: the cells it names, at least one. */
export function findingUnits(finding: Finding): number {
  return Math.max(1, finding.cells.length);
}

/** The rule family of a finding (`applications.balance` → `applications`). */
export function ruleFamily(rule: string): string {
  const dot = rule.indexOf('.');
  return dot < 0 ? rule : rule.slice(0, dot);
}
