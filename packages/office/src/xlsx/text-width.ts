/**
 * Whether a UTF-16 code unit of the Basic Multilingual Plane takes two widths of the default font
 * (CJK, Hangul, fullwidth forms): U+1100–115F, U+2E80–A4CF, U+AC00–D7A3, U+F900–FAFF,
 * U+FE30–FE4F, U+FF00–FF60, U+FFE0–FFE6. Characters beyond it count one.
 */
function isWide(code: number): boolean {
  if (code < 0x1100) return false;
  if (code <= 0x115f) return true;
  if (code < 0x2e80) return false;
  if (code <= 0xa4cf) return true;
  if (code < 0xac00) return false;
  if (code <= 0xd7a3) return true;
  if (code < 0xf900) return false;
  if (code <= 0xfaff) return true;
  if (code < 0xfe30) return false;
  if (code <= 0xfe4f) return true;
  if (code < 0xff00) return false;
  if (code <= 0xff60) return true;
  return code >= 0xffe0 && code <= 0xffe6;
}

/** Width of `text` from `start` to `end` (code units): a CJK character two, others one. */
function widthOf(text: string, start: number, end: number): number {
  let width = 0;
  for (let i = start; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < end) {
      const next = text.charCodeAt(i + 1);
      // a surrogate pair is one character (beyond the plane: one width)
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
      width += 1;
    } else {
      width += isWide(code) ? 2 : 1;
    }
  }
  return width;
}

/** How wide a text is in the units of a column width (a CJK character counts two). */
export function textWidth(text: string): number {
  return widthOf(text, 0, text.length);
}

/**
 * Lines a wrapped text takes in a column `width` wide (at most: a CJK character is counted at
 * its widest, two widths, as in Excel; LibreOffice draws it narrower). Spreadsheet readers do
 * not all fit a row's height to wrapped text on their own, so the writer sets it from this.
 * A row's cells are measured for every row of a sheet: this counts over the text in place.
 */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width);
  // no character is wider than two: a short text without line breaks takes one line
  if (2 * text.length <= usable && !text.includes('\n')) return 1;
  let lines = 0;
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    lines += Math.max(1, Math.ceil(widthOf(text, start, stop) / usable));
    if (end === -1) return lines;
    start = end + 1;
  }
}

/** Points per line of the default 11-point font. */
export const LINE_HEIGHT = 15;
