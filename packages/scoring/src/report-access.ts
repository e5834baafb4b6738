import type { AnnualReport, Finding } from './report.types';

/** A cell's value by path (`table.row.column`): undefined when not printed, null when blank. */
export function cellValue(report: AnnualReport, path: string): number | null | undefined {
  const [table = '', row = '', column = ''] = path.split('.');
  const data = report.tables as Partial<
    Record<string, Partial<Record<string, Partial<Record<string, number | null>>>>>
  >;
  return data[table]?.[row]?.[column];
}

/** A number stated in the prose (`facts.proactiveItems`) or a cell (`applications.total.total`). */
export function reportNumber(report: AnnualReport, path: string): number | null {
  if (path.startsWith('facts.')) {
    const facts = (report.facts ?? {}) as Partial<Record<string, number | null>>;
    const value = facts[path.slice('facts.'.length)];
    return typeof value === 'number' ? value : null;
  }
  const value = cellValue(report, path);
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
