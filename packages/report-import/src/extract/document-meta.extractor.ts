import type { SourceLine } from '../source-document.types';

export type MetaField<T> = {
  readonly value: T;
  readonly line?: number;
  readonly confidence: number;
};

export type DocumentMeta = {
  readonly title: MetaField<string> | null;
  readonly organization: MetaField<string> | null;
  readonly year: MetaField<number> | null;
  readonly publishedOn: MetaField<string> | null;
  /** Why the document is not an annual report, or null when it may be one. */
  readonly notAReport: MetaField<string> | null;
};

const NOT_A_REPORT =
  /(自查报告|自查自评|成绩单|进展情况|工作要点|工作总结|整改报告|工作方案|实施方案|情况汇报|督查报告)/;
const HEADING = /^[一二三四五六七八九十]{1,2}[、.]/;
const ORG_SUFFIX =
  /(局|委员会|委|办公室|办|政府|院|中心|所|站|队|馆|镇|乡|街道|厅|部|署|会|处|公司|集团)$/;

function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return null;
  }
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function validYear(y: number): boolean {
  return y >= 1990 && y <= 2100;
}

/** Title, organization, statistics year and publication date, from the head and tail of the text. */
export function extractMeta(lines: readonly SourceLine[]): DocumentMeta {
  const prose = lines.filter((l) => l.cells === null && l.text !== '');
  const firstHeading = prose.findIndex((l) => HEADING.test(l.text));
  const head = prose.slice(0, Math.min(firstHeading < 0 ? 12 : firstHeading, 12));
  const head5 = prose.slice(0, 8);

  let title: MetaField<string> | null = null;
  // a breadcrumb (当前位置：首页 > … > 年报) names the page's column, not the report
  const titleIndex = head.findIndex(
    (l) =>
      /年度报告|年报/.test(l.text) &&
      l.text.length <= 80 &&
      !/当前位置|您的位置|首页\s*[>＞»›]/.test(l.text),
  );
  const titleLine = head[titleIndex];
  if (titleLine) {
    let text = titleLine.raw.trim();
    const previous = head[titleIndex - 1];
    if (
      previous &&
      /^\d{4}/.test(titleLine.text) &&
      previous.text.length <= 40 &&
      !/[〔[]\d{4}[〕\]]|号$|。/.test(previous.text)
    ) {
      text = previous.raw.trim() + text;
    }
    title = { value: text.replace(/\s+/g, ''), line: titleLine.location.line, confidence: 1 };
  }

  let notAReport: MetaField<string> | null = null;
  for (const line of head5) {
    const hit = NOT_A_REPORT.exec(line.text);
    if (hit && !/年度报告/.test(line.text) && line.text.length <= 80) {
      notAReport = { value: hit[1] ?? '', line: line.location.line, confidence: 1 };
      break;
    }
  }

  let organization: MetaField<string> | null = null;
  if (title) {
    const name = /^(.*?)(?:关于)?\d{4}年/.exec(title.value)?.[1]?.replace(/关于$/, '');
    if (name && name.length >= 2) organization = { value: name, line: title.line, confidence: 1 };
  }
  if (!organization) {
    for (const line of prose.slice(0, 20)) {
      const hit =
        /(?:发布机构|来源|发文机关|单位)[:：]\s*([\u4e00-\u9fa5]{2,30}?)(?:\s|$|时间)/.exec(
          line.text,
        );
      if (hit?.[1] && ORG_SUFFIX.test(hit[1])) {
        organization = { value: hit[1], line: line.location.line, confidence: 0.9 };
        break;
      }
    }
  }
  if (!organization) {
    const counts = new Map<string, { n: number; line?: number }>();
    const pattern =
      /([\u4e00-\u9fa5]{2,8}?[省市县区][\u4e00-\u9fa5]{2,12}?(?:局|委员会|办公室|人民政府))/g;
    for (const line of prose) {
      for (const hit of line.text.matchAll(pattern)) {
        const name = (hit[1] ?? '').replace(
          /^(?:在|对|向|由|与|和|及|经|按|据|将|为|是|了|的)+/,
          '',
        );
        if (/^[省市县区]/.test(name) || name.length < 4) continue;
        const entry = counts.get(name) ?? { n: 0, line: line.location.line };
        entry.n += 1;
        counts.set(name, entry);
      }
    }
    const best = [...counts.entries()].sort((a, b) => b[1].n - a[1].n)[0];
    if (best) organization = { value: best[0], line: best[1].line, confidence: 0.5 };
  }

  let year: MetaField<number> | null = null;
  const titleYear = title ? /(\d{4})年/.exec(title.value) : null;
  if (titleYear && validYear(Number(titleYear[1]))) {
    year = { value: Number(titleYear[1]), line: title?.line, confidence: 1 };
  }
  if (!year) {
    for (const line of prose) {
      const hit = /统计(?:期限|时限|时间)[^。]*?(\d{4})年(?:1|01)月(?:1|01)日/.exec(line.text);
      if (hit && validYear(Number(hit[1]))) {
        year = { value: Number(hit[1]), line: line.location.line, confidence: 1 };
        break;
      }
    }
  }
  if (!year) {
    for (const line of prose.slice(0, 40)) {
      const hit = /(\d{4})年/.exec(line.text);
      if (hit && validYear(Number(hit[1]))) {
        year = { value: Number(hit[1]), line: line.location.line, confidence: 0.7 };
        break;
      }
    }
  }

  let publishedOn: MetaField<string> | null = null;
  for (const line of [...prose.slice(-12)].reverse()) {
    const hit = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(line.text);
    if (hit && line.text.length <= 40) {
      const iso = isoDate(Number(hit[1]), Number(hit[2]), Number(hit[3]));
      if (iso) {
        publishedOn = { value: iso, line: line.location.line, confidence: 0.9 };
        break;
      }
    }
  }
  if (!publishedOn) {
    for (const line of prose.slice(0, 12)) {
      const hit = /(?:发布|生成|成文|时间|日期)[^\d]{0,6}(\d{4})-(\d{1,2})-(\d{1,2})/.exec(
        line.text,
      );
      const iso = hit ? isoDate(Number(hit[1]), Number(hit[2]), Number(hit[3])) : null;
      if (iso) {
        publishedOn = { value: iso, line: line.location.line, confidence: 0.8 };
        break;
      }
    }
  }
  return { title, organization, year, publishedOn, notAReport };
}
