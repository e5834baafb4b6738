import { type AnnualReport, cellPaths } from '@gongkai/report-model';

type Tables = Record<string, Record<string, Record<string, number | null>> | undefined>;

function valueAt(report: AnnualReport, path: string): number | null {
  const [table = '', row = '', column = ''] = path.split('.');
  return (report.tables as Tables)[table]?.[row]?.[column] ?? null;
}

/**
 * Table cells that hold a value in `after` different from `before` (what an uploaded file filled
 * in), so the form can highlight them for the user to confirm. Another template counts as all new.
 */
export function changedCells(before: AnnualReport, after: AnnualReport): ReadonlySet<string> {
  const sameTemplate = before.template === after.template;
  const changed = new Set<string>();
  for (const path of cellPaths(after.template)) {
    const value = valueAt(after, path);
    if (value === null) continue;
    if (!sameTemplate || valueAt(before, path) !== value) changed.add(path);
  }
  return changed;
}
