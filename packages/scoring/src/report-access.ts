import { getCell, type FactKey } from '@gongkai/report-model';
import type { AnnualReport, Finding } from './report.types';

/** A number stated in the prose (`facts.proactiveItems`) or a cell (`applications.total.total`). */
export function reportNumber(report: AnnualReport, path: string): number | null {
  if (path.startsWith('facts.')) {
    const value = report.facts?.[path.slice('facts.'.length) as FactKey];
    return typeof value === 'number' ? value : null;
  }
  const value = getCell(report, path);
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
