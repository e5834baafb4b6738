import type { AnnualReport } from '@gongkai/report-model';
import { layoutReport, legacyUnit, type PrintedTable } from './report-layout';

/**
 * How tables are written as text: `pipe` (` | ` between cells, as copied from a web page), `tab`
 * (one cell per tab-indented line, a blank line between rows, as Word saves tables), `glued`
 * (cells run together without separators, as on many scraped sites).
 */
export type TextTableStyle = 'pipe' | 'tab' | 'glued';

function cell(value: number | null): string {
  return value === null ? '' : String(value);
}

function tableLines(table: PrintedTable, style: TextTableStyle): string[] {
  const legacy = table.id === 'legacyStats';
  const rows: string[][] = [
    ...table.header.map((h) => [...h]),
    ...table.rows.map((row) => {
      const group = row.group ? [row.group.label] : [];
      const unit = legacy ? [legacyUnit(row.labels[0] ?? '')] : [];
      return [...group, ...row.labels, ...unit, ...row.values.map(cell)];
    }),
  ];
  if (style === 'pipe') return rows.map((r) => r.join(' | '));
  if (style === 'tab') return rows.flatMap((r) => [...r.map((c) => `\t${c}`), '']);
  // glued: each row on its own line, except the rows of a group, which run on in one line
  const lines: string[] = table.header.map((h) => h.join(''));
  let open: string | null = null;
  let left = 0;
  for (const row of table.rows) {
    const unit = legacy ? legacyUnit(row.labels[0] ?? '') : '';
    const text = `${row.labels.join('')}${unit}${row.values.map(cell).join('')}`;
    if (row.group) {
      open = row.group.label + text;
      left = row.group.rows - 1;
      if (left === 0) {
        lines.push(open);
        open = null;
      }
      continue;
    }
    if (open !== null) {
      open += text;
      left -= 1;
      if (left === 0) {
        lines.push(open);
        open = null;
      }
      continue;
    }
    lines.push(text);
  }
  if (open !== null) lines.push(open);
  return lines;
}

/** The report as plain text, its tables in the given style. */
export function renderReportText(report: AnnualReport, style: TextTableStyle = 'pipe'): string {
  const out: string[] = [];
  for (const block of layoutReport(report)) {
    if (block.kind === 'line') out.push(block.text);
    else out.push(...tableLines(block.table, style));
  }
  return `${out.join('\n')}\n`;
}
