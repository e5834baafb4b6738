import { FACT_KEYS, SECTION_KEYS, type TableId } from '@gongkai/report-model';

/** Cell A1 of the info sheet: marks a workbook as the project's template. */
export const WORKBOOK_MARKER = 'gongkai/annual-report@1 workbook';
export const INFO_SHEET = '报告信息';
/** Excel's limit for text in one cell; longer section text continues in the next columns. */
export const MAX_CELL_TEXT = 32_000;
export const FIRST_VALUE_COLUMN = 3;

/** Keys of the info sheet rows (column A, hidden), in order. */
export const INFO_KEYS: readonly string[] = [
  'template',
  'year',
  'organization.name',
  'organization.region',
  'title',
  'publishedOn',
  ...SECTION_KEYS.map((key) => `sections.${key}`),
  'staffing.leadingGroup',
  'staffing.dedicatedStaff',
  'staffing.partTimeStaff',
  'staffing.trainings',
  ...FACT_KEYS.map((key) => `facts.${key}`),
];

/** Marker written in cell A1 of a table sheet. */
export function tableMarker(table: TableId): string {
  return `table:${table}`;
}

/** A1-style reference of a 1-based row and column. */
export function cellRef(row: number, column: number): string {
  let col = '';
  let n = column;
  while (n > 0) {
    const rem = (n - 1) % 26;
    col = String.fromCharCode(65 + rem) + col;
    n = Math.floor((n - 1) / 26);
  }
  return `${col}${row}`;
}

/** 1-based row and column of an A1-style reference. */
export function parseCellRef(ref: string): { row: number; column: number } | null {
  const hit = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!hit) return null;
  let column = 0;
  for (const ch of hit[1] ?? '') column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(hit[2]), column };
}
