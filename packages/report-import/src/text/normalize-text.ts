const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/**
 * Normalises one line of report text without changing its length in lines: full-width ASCII
 * (digits, letters, brackets, comma, colon, full stop, bar) becomes half-width, every kind of space
 * becomes an ordinary space, zero-width characters disappear. Chinese punctuation without an ASCII
 * twin (、。“”〔〕) is kept.
 */
export function normalizeText(text: string): string {
  let out = '';
  for (const ch of text.replace(ZERO_WIDTH, '')) {
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000 || code === 0x00a0 || (code >= 0x2000 && code <= 0x200a)) out += ' ';
    else if (ch === '﹒' || ch === '∙') out += '.';
    else out += ch;
  }
  return out;
}

/** Splits text into lines, accepting \r\n, \r and \n. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Chinese numerals 一…十九 and 两 as numbers; ASCII digits as well. null when not a count. */
export function parseCount(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const digits: Record<string, number> = {
    一: 1,
    二: 2,
    两: 2,
    三: 3,
    四: 4,
    五: 5,
    六: 6,
    七: 7,
    八: 8,
    九: 9,
  };
  if (text === '十') return 10;
  const tens = /^([一二三四五六七八九]?)十([一二三四五六七八九]?)$/.exec(text);
  if (tens) {
    const high = tens[1] ? (digits[tens[1]] ?? 1) : 1;
    const low = tens[2] ? (digits[tens[2]] ?? 0) : 0;
    return high * 10 + low;
  }
  return text.length === 1 ? (digits[text] ?? null) : null;
}
