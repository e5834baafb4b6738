import type { AnnualReport } from '../report/annual-report.types';
import { SECTION_KEYS } from '../templates/template-definitions';
import type { SectionKey } from '../templates/template.types';

/** The prose of a report, normalised once per check: ASCII digits, %, and no spaces between digits and units. */
export type ReportText = {
  readonly title: string;
  readonly sections: { readonly [K in SectionKey]: string };
  /** Title and every section joined by newlines. */
  readonly all: string;
};

const FULL_WIDTH = /[０-９％．，：]/g;
const FULL_WIDTH_MAP: Readonly<Record<string, string>> = {
  '％': '%',
  '．': '.',
  '，': '，',
  '：': '：',
};

export function normalizeProse(text: string): string {
  return text.replace(FULL_WIDTH, (ch) => {
    const code = ch.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48);
    return FULL_WIDTH_MAP[ch] ?? ch;
  });
}

export function reportText(report: AnnualReport): ReportText {
  const sections = {} as Record<SectionKey, string>;
  const parts: string[] = [];
  const title = normalizeProse(report.title ?? '');
  if (title !== '') parts.push(title);
  for (const key of SECTION_KEYS) {
    const text = normalizeProse(report.sections[key] ?? '');
    sections[key] = text;
    if (text !== '') parts.push(text);
  }
  return { title, sections, all: parts.join('\n') };
}
