import type { Finding, Severity } from '@gongkai/report-model';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The key a justification is stored under (same format as the server: `rule|cell,cell,…`). */
export function findingKey(finding: Pick<Finding, 'rule' | 'cells'>): string {
  return `${finding.rule}|${finding.cells.join(',')}`;
}

export type CellFindings = { readonly worst: Severity; readonly findings: readonly Finding[] };

/** Findings per cell path or field (`sections.other`), with the worst severity first. */
export function findingsByCell(findings: readonly Finding[]): ReadonlyMap<string, CellFindings> {
  const map = new Map<string, { worst: Severity; findings: Finding[] }>();
  for (const finding of findings) {
    for (const cell of finding.cells) {
      const entry = map.get(cell);
      if (!entry) map.set(cell, { worst: finding.severity, findings: [finding] });
      else {
        entry.findings.push(finding);
        if (RANK[finding.severity] < RANK[entry.worst]) entry.worst = finding.severity;
      }
    }
  }
  return map;
}

/** DOM id of the control that edits a cell path or field, so findings can link to it. */
export function controlId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
