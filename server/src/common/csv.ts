/**
 * The one CSV cell writer of the server: every CSV the server sends (ranking sheets, staffing
 * exports) writes its cells through {@link csvField}.
 *
 * - RFC 4180: a field holding a comma, a quote, CR or LF is quoted, its quotes doubled.
 * - Formula guard: text a spreadsheet would run as a formula or a DDE call — starting with `=`,
 *   `+`, `-`, `@`, a tab or a CR — is prefixed with an apostrophe, which Excel, LibreOffice and
 *   Google Sheets show as text (OWASP "CSV injection"). Numbers (`isText` false) are left alone,
 *   so `-1` stays a number.
 */
export function csvField(value: string, isText: boolean): string {
  const safe = isText && FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell of a mixed row: text goes through the formula guard, numbers do not; null is empty. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  return typeof value === 'number' ? csvField(String(value), false) : csvField(value, true);
}
