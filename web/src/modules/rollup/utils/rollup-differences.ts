import { type AnnualReport, type CellDifference, tableDifferences } from '@gongkai/report-model';

/**
 * The cells where the departments' sum (`left`) and the government's own report (`right`)
 * differ, by cell path; empty without an own report or when the two use different templates.
 */
export function rollupDifferences(
  sum: AnnualReport,
  own: AnnualReport | null,
): ReadonlyMap<string, CellDifference> {
  if (!own || own.template !== sum.template) return new Map();
  return new Map(tableDifferences(sum.template, sum, own).map((d) => [d.path, d]));
}
