import { type SectionKey } from '@gongkai/report-model';

/** Section headings found anywhere in page text, by their key phrases and increasing ordinals. */
export const SECTION_PHRASES: readonly { readonly key: SectionKey; readonly phrase: string }[] = [
  { key: 'overview', phrase: '(?:总体情况|基本情况|概述|总体概述|概况)' },
  { key: 'proactive', phrase: '(?:主动公开政府信息(?:的)?情况|主动公开(?:工作)?情况)' },
  {
    key: 'applications',
    phrase:
      '(?:收到和处理政府信息公开申请(?:的)?情况|依申请公开(?:政府信息)?(?:工作)?(?:的)?情况|政府信息公开申请(?:的)?(?:办理)?情况)',
  },
  {
    key: 'reviewLitigation',
    phrase:
      '(?:(?:因)?政府信息公开(?:工作)?(?:申请)?(?:引起|提起)?的?行政复议[、和及]?(?:提起)?行政诉讼(?:的)?情况|行政复议[、和及]?行政诉讼(?:的)?情况|(?:申请)?行政复议[、和及]提起行政诉讼(?:的)?情况)',
  },
  {
    key: 'problems',
    phrase:
      '(?:存在的主要问题(?:及|和|与)改进(?:情况|措施)|存在的(?:主要)?问题(?:及|和|与)(?:改进)?(?:情况|措施|方向)?|主要问题(?:及|和)改进(?:情况|措施))',
  },
  { key: 'other', phrase: '(?:其[他它]需要报告的事项|其[他它]事项)' },
];

export const CHINESE_ORDINAL = '一二三四五六七八九十';

export function chineseNumber(text: string): number {
  const digits = [...text].map((ch) => CHINESE_ORDINAL.indexOf(ch) + 1);
  if (digits.length === 1) return digits[0] ?? 0;
  if (digits.length === 2 && digits[0] === 10) return 10 + (digits[1] ?? 0);
  if (digits.length === 2 && digits[1] === 10) return (digits[0] ?? 0) * 10;
  return 99;
}

export const HEADING = new RegExp(
  `([${CHINESE_ORDINAL}]{1,2})[ \\t]*[、.．][ \\t]*(${SECTION_PHRASES.map((s) => s.phrase).join('|')})`,
  'g',
);

export const WHOLE_PHRASES = SECTION_PHRASES.map((s) => ({
  key: s.key,
  re: new RegExp(`^${s.phrase}$`),
}));

export type Heading = { readonly start: number; readonly end: number; readonly key: SectionKey };

/** Top-level headings found anywhere in the text, with increasing ordinals. */
export function findHeadings(text: string): Heading[] {
  const out: Heading[] = [];
  let last = 0;
  for (const hit of text.matchAll(HEADING)) {
    const ordinal = chineseNumber(hit[1] ?? '');
    if (ordinal <= last || ordinal > last + 3) continue;
    const words = hit[2] ?? '';
    const key = WHOLE_PHRASES.find((s) => s.re.test(words))?.key;
    if (!key) continue;
    out.push({ start: hit.index ?? 0, end: (hit.index ?? 0) + hit[0].length, key });
    last = ordinal;
  }
  return out;
}
