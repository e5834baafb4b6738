import type { AnnualReport } from '@gongkai/report-model';
import { canonicalJson } from './version-check';

/** Flattens a report into path → value (cells as `table.row.column`, the rest by field). */
export function flatten(report: AnnualReport): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (value: unknown, path: string) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    } else out.set(path, value);
  };
  const { tables, ...rest } = report;
  walk(rest, '');
  for (const [table, rows] of Object.entries(tables ?? {})) walk(rows, table);
  return out;
}

export type VersionChange = { path: string; before: unknown; after: unknown };

/** The cells and fields that differ between two reports, sorted by path (provenance left out). */
export function reportChanges(from: AnnualReport, to: AnnualReport): VersionChange[] {
  const before = flatten(from);
  const after = flatten(to);
  const paths = [...new Set([...before.keys(), ...after.keys()])].filter(
    (p) => !p.startsWith('provenance.'),
  );
  return paths
    .filter((p) => canonicalJson(before.get(p) ?? null) !== canonicalJson(after.get(p) ?? null))
    .sort()
    .map((path) => ({ path, before: before.get(path) ?? null, after: after.get(path) ?? null }));
}

/** The paths whose values differ between two flattened reports. */
export function changedPathSet(
  before: ReadonlyMap<string, unknown>,
  after: ReadonlyMap<string, unknown>,
): Set<string> {
  const changed = new Set<string>();
  for (const p of new Set([...before.keys(), ...after.keys()]))
    if (canonicalJson(before.get(p) ?? null) !== canonicalJson(after.get(p) ?? null))
      changed.add(p);
  return changed;
}
