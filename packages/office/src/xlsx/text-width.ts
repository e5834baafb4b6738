/** Characters that take two widths of the default font (CJK, fullwidth forms). */
const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** How wide a text is in the units of a column width (a CJK character counts two). */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}

/**
 * Lines a wrapped text takes in a column `width` wide (at most: a CJK character is counted at
 * its widest, two widths, as in Excel; LibreOffice draws it narrower). Spreadsheet readers do
 * not all fit a row's height to wrapped text on their own, so the writer sets it from this.
 */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width);
  let lines = 0;
  for (const paragraph of text.split('\n'))
    lines += Math.max(1, Math.ceil(textWidth(paragraph) / usable));
  return lines;
}

/** Points per line of the default 11-point font. */
export const LINE_HEIGHT = 15;
