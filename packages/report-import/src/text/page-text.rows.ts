import { ROW_LABELS, type TableId } from '@gongkai/report-model';
import { coreWords } from '../extract/row-labels';
import { CHINESE_ORDINAL } from './page-text.headings';

/** Row labels as anchors in a token stream, and the value tokens after them. */
export type Phrase = { readonly re: RegExp; readonly short: boolean; readonly length: number };

const phraseCache = new Map<string, Phrase[]>();

export function rowPhrases(table: TableId, row: string): Phrase[] {
  const key = `${table}.${row}`;
  const cached = phraseCache.get(key);
  if (cached) return cached;
  const labels = ROW_LABELS as unknown as Record<
    string,
    Record<string, { zh: string; aliases?: readonly string[] }>
  >;
  const label = labels[table]?.[row];
  const texts = label ? [label.zh, ...(label.aliases ?? [])] : [];
  if (table === 'applications' && row === 'partiallyGranted') texts.push('部分公开');
  const phrases: Phrase[] = [];
  for (const text of new Set(texts)) {
    const words = coreWords(text);
    if (words === '') continue;
    const between = '[ \\t“”"‘’\'、，,()（）:：]*';
    const source = [...words].map((ch) => ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join(between);
    const short = words.length <= 2;
    const re = short
      ? new RegExp(`(?<![\\u4e00-\\u9fa5])${source}(?![\\u4e00-\\u9fa5])`, 'g')
      : new RegExp(source, 'g');
    phrases.push({ re, short, length: words.length });
  }
  phraseCache.set(key, phrases);
  return phrases;
}

export type Anchor = {
  readonly row: string;
  /** Start of the label including its ordinal, end of its words. */
  readonly start: number;
  readonly end: number;
  readonly ordinal: number | null;
  readonly unclear: boolean;
};

export function findRow(
  text: string,
  from: number,
  to: number,
  table: TableId,
  row: string,
): { start: number; end: number } | null {
  let best: { start: number; end: number; length: number } | null = null;
  for (const phrase of rowPhrases(table, row)) {
    phrase.re.lastIndex = from;
    const hit = phrase.re.exec(text);
    if (!hit || hit.index >= to) continue;
    const start = hit.index;
    if (!best || start < best.start || (start === best.start && phrase.length > best.length)) {
      best = { start, end: start + hit[0].length, length: phrase.length };
    }
  }
  return best;
}

export const CJK_ORDINAL_BEFORE = new RegExp(
  `(?:[（(][ \\t]*[${CHINESE_ORDINAL}]{1,2}[ \\t]*[)）]|[${CHINESE_ORDINAL}]{1,2}[、．.])[ \\t]*$`,
);

/**
 * Extends a label backwards over its ordinals and 其中：. A digit ordinal glued to the values
 * before it (`00000002.其他…`) is cut at the ordinal the template prints for the row, or, for rows
 * printed without one, at the next number of the sequence the previous rows started. When the
 * digits before the ordinal's full stop cannot be told apart, `unclear` is set: the values before
 * the label are then not trusted.
 */
export function labelStart(
  text: string,
  floor: number,
  coreStart: number,
  known: string | null,
  expected: number,
): { start: number; ordinal: number | null; unclear: boolean } {
  let start = coreStart;
  let ordinal: number | null = null;
  for (let guard = 0; guard < 4; guard += 1) {
    const before = text.slice(Math.max(floor, start - 16), start);
    const qizhong = /其中[:：]?[ \t]*$/.exec(before);
    if (qizhong) {
      start -= qizhong[0].length;
      continue;
    }
    const digit = /(\d+)[ \t]*[.．、][ \t]*$/.exec(before);
    if (digit && ordinal === null) {
      const digits = digit[1] ?? '';
      const punctuation = digit[0].slice(digits.length);
      const want = known ?? String(expected);
      let take: string | null = null;
      if (digits.endsWith(want)) take = want;
      else if (
        digits.length <= 2 &&
        digit.index > 0 &&
        !/[\d.]/.test(before[digit.index - 1] ?? '')
      )
        take = digits;
      if (take === null) return { start, ordinal, unclear: true };
      start -= take.length + punctuation.length;
      ordinal = Number(take);
      continue;
    }
    const cjk = CJK_ORDINAL_BEFORE.exec(before);
    if (cjk) {
      start -= cjk[0].length;
      continue;
    }
    break;
  }
  return { start, ordinal, unclear: false };
}

/** A value token: a number (glued runs kept whole), a mark for zero, or a unit. */
export const VALUE_TOKEN =
  /^(?:([+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|[+-]?\d[\d.]*(?:-\d[\d.]*)*)|(——|—|--|－|-|\/|／|无(?![\u4e00-\u9fa5])|空(?![\u4e00-\u9fa5]))|(万元|元|条|件|项|个|次)(?![\u4e00-\u9fa5]))/;
export const SKIP = /^[ \t\n“”"'‘’)）\]】:：、，,]+/;

export type ValueTokens = {
  readonly tokens: readonly string[];
  readonly zeroMarks: readonly string[];
  readonly end: number;
};

/** The value tokens at the start of `text` (after the label), up to the first other word. */
export function valueTokens(text: string): ValueTokens {
  const tokens: string[] = [];
  const zeroMarks: string[] = [];
  let pos = 0;
  let rest = text;
  for (;;) {
    const skip = SKIP.exec(rest);
    if (skip) {
      pos += skip[0].length;
      rest = rest.slice(skip[0].length);
    }
    const hit = VALUE_TOKEN.exec(rest);
    if (!hit) break;
    if (hit[1] !== undefined) {
      const printed = hit[1].replace(/\.+$/, '');
      if (printed === '') break;
      // thousands separators (1,234.5) and a plus sign are not part of the value
      const number = printed.replace(/^\+/, '').replace(/,/g, '');
      // a number of the prose (2024年, 15日, 30%) is not a value of the row
      if (/^(?:年|月|日|时|号|%|余|多|名|人|家)/.test(rest.slice(printed.length))) break;
      tokens.push(number);
      pos += printed.length;
      rest = rest.slice(printed.length);
      continue;
    }
    if (hit[2] !== undefined) {
      tokens.push('0');
      zeroMarks.push(hit[2]);
    } else tokens.push(hit[3] ?? '');
    pos += hit[0].length;
    rest = rest.slice(hit[0].length);
  }
  return { tokens, zeroMarks, end: pos };
}
