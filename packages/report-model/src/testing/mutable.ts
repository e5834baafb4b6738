import type { AnnualReport } from '../report/annual-report.types';

type DeepMutable<T> = T extends object ? { -readonly [K in keyof T]: DeepMutable<T[K]> } : T;

/** A deep, writable copy of a report, for tests and editors that change one value at a time. */
export type MutableReport = DeepMutable<AnnualReport>;

export function mutableCopy(report: AnnualReport): MutableReport {
  return structuredClone(report) as MutableReport;
}

/** A copy of the report with one cell (`table.row.column`) set; the row is created if absent. */
export function withCell(report: AnnualReport, path: string, value: number | null): AnnualReport {
  const [table = '', row = '', column = ''] = path.split('.');
  const copy = mutableCopy(report);
  const tables = copy.tables as Record<string, Record<string, Record<string, number | null>>>;
  const rows = (tables[table] ??= {});
  const cells = (rows[row] ??= {});
  cells[column] = value;
  return copy;
}

/** A copy of the report with a cell changed by `delta`. */
export function withCellDelta(report: AnnualReport, path: string, delta: number): AnnualReport {
  const [table = '', row = '', column = ''] = path.split('.');
  const value = report.tables[table as keyof AnnualReport['tables']]?.[row]?.[column] ?? 0;
  return withCell(report, path, value + delta);
}
