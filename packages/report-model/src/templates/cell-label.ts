import {
  CELL_LABEL_OVERRIDES,
  COLUMN_LABELS,
  ROW_LABELS,
  SECTION_LABELS,
  TABLE_LABELS,
  type Label,
} from './labels';

export type Lang = 'zh' | 'en';

function lookup<T>(labels: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : undefined;
}

/** Display label of a table key (`applications`). */
export function tableLabel(table: string, lang: Lang = 'zh'): string {
  return lookup(TABLE_LABELS, table)?.[lang] ?? table;
}

/** Display label of a row key within a table. */
export function rowLabel(table: string, row: string, lang: Lang = 'zh'): string {
  const rows = lookup(ROW_LABELS as Record<string, Record<string, Label>>, table) as
    Record<string, Label> | undefined;
  return (rows && lookup(rows, row)?.[lang]) ?? row;
}

/** Display label of a column key within a table. */
export function columnLabel(table: string, column: string, lang: Lang = 'zh'): string {
  const columns = lookup(COLUMN_LABELS as Record<string, Record<string, Label>>, table) as
    Record<string, Label> | undefined;
  return (columns && lookup(columns, column)?.[lang]) ?? column;
}

/** Display label of a section key. */
export function sectionLabel(section: string, lang: Lang = 'zh'): string {
  return lookup(SECTION_LABELS, section)?.[lang] ?? section;
}

/** Display label of a cell path: `三（七）总计·自然人` / `III(7) Total handled · Natural persons`. */
export function cellLabel(path: string, lang: Lang = 'zh'): string {
  const [table = '', row = '', column = ''] = path.split('.');
  const override = CELL_LABEL_OVERRIDES[path];
  const columnText = override ? override[lang] : columnLabel(table, column, lang);
  return lang === 'zh'
    ? `${rowLabel(table, row, lang)}·${columnText}`
    : `${rowLabel(table, row, lang)} · ${columnText}`;
}
