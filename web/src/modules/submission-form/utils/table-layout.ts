import {
  CELL_LABEL_OVERRIDES,
  columnLabel,
  getTemplate,
  type Lang,
  type TableDefinition,
  type TemplateId,
} from '@gongkai/report-model';
import { type SubtotalGroup, subtotalGroups } from './table-sums';

/** One line of an editable grid: a template row, or a computed subtotal the template leaves out. */
export type GridLine =
  | { readonly kind: 'row'; readonly row: string }
  | { readonly kind: 'subtotal'; readonly group: SubtotalGroup }
  | { readonly kind: 'outcomes' };

/**
 * The lines of a table as the form draws them: template rows in printed order, with the
 * （三）（四）（五）（六） subtotals after the last row of each group and the computed Σ before
 * （七）总计 in the applications table. Legacy tables keep only the rows the report prints.
 */
export function gridLines(
  template: TemplateId,
  table: TableDefinition,
  printedRows?: readonly string[],
): readonly GridLine[] {
  const rows = table.rows
    .map((r) => r.key)
    .filter((key) => !table.rowsOptional || !printedRows || printedRows.includes(key));
  if (table.id !== 'applications' || (template !== '2019' && template !== '2021')) {
    return rows.map((row) => ({ kind: 'row', row }));
  }
  const groups = subtotalGroups(template);
  const lastOfGroup = new Map<string, SubtotalGroup>();
  for (const group of Object.keys(groups) as SubtotalGroup[]) {
    const members = groups[group];
    // A one-row group (2019's （六）其他处理) needs no subtotal.
    if (members.length > 1) lastOfGroup.set(members[members.length - 1] ?? '', group);
  }
  const lines: GridLine[] = [];
  for (const row of rows) {
    if (row === 'total') lines.push({ kind: 'outcomes' });
    lines.push({ kind: 'row', row });
    const group = lastOfGroup.get(row);
    if (group) lines.push({ kind: 'subtotal', group });
  }
  return lines;
}

/** The columns of a table, in printed order (rows of a table may have different columns). */
export function tableColumns(table: TableDefinition): readonly string[] {
  const seen: string[] = [];
  for (const row of table.rows) for (const c of row.columns) if (!seen.includes(c)) seen.push(c);
  return seen;
}

export function templateTables(template: TemplateId): readonly TableDefinition[] {
  return getTemplate(template).tables;
}

/** A column's heading: the label the template prints over it (a cell's own label where one row gives the column another name). */
export function columnHeader(table: TableDefinition, column: string, lang: Lang): string {
  const row = table.rows.find((r) => r.columns.includes(column));
  const override = row && CELL_LABEL_OVERRIDES[`${table.id}.${row.key}.${column}`];
  return override ? override[lang] : columnLabel(table.id, column, lang);
}
