import { stringify } from 'csv-stringify/sync';

/** UTF-8 byte order mark: Excel opens a BOM-less UTF-8 CSV in the local code page. */
export const UTF8_BOM = '\uFEFF';

/** A number already formatted for display (`12.50`, `+3`): written as it is, never guarded. */
export type CsvFigure = { readonly figure: string };

/**
 * One cell: a string is text (formula-guarded), a number is written as it is, a figure is
 * formatted number text (not guarded), null or undefined is empty.
 */
export type CsvCell = string | number | CsvFigure | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
// a lone CR or LF inside a field is quoted too (csv-stringify quotes only the record delimiter)
const RECORD = { record_delimiter: 'windows', eof: true, quoted_match: /[\r\n]/ } as const;

/**
 * Formula guard: text a spreadsheet would run as a formula or a DDE call — starting with `=`,
 * `+`, `-`, `@`, a tab or a CR — gets an apostrophe in front, which Excel, LibreOffice and
 * Google Sheets show as text (OWASP "CSV injection"). csv-stringify's own `escape_formulas`
 * cannot leave a formatted figure such as `+3` alone, so the guard is applied here, per cell.
 */
function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'string') return FORMULA_START.test(cell) ? `'${cell}` : cell;
  return cell.figure;
}

/**
 * One CSV record ending in CRLF (RFC 4180, written by csv-stringify): a field holding a comma, a
 * quote, CR or LF is quoted and its quotes doubled; text cells pass the formula guard.
 */
export function csvLine(cells: readonly CsvCell[]): string {
  return stringify([cells.map(cellText)], RECORD);
}

/** One field on its own (no line end): `isText` false leaves a number's text unguarded. */
export function csvField(value: string, isText: boolean): string {
  return csvLine([isText ? value : { figure: value }]).slice(0, -2);
}

/** A cell of a mixed row on its own: text is guarded, numbers are not; null is empty. */
export function csvCell(value: string | number | null): string {
  return csvLine([value]).slice(0, -2);
}

/** A whole CSV file: the UTF-8 BOM, then one CRLF-terminated record per row. */
export function csvDocument(rows: Iterable<readonly CsvCell[]>): string {
  let text = UTF8_BOM;
  for (const row of rows) text += csvLine(row);
  return text;
}
