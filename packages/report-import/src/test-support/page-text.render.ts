import type { AnnualReport } from '@gongkai/report-model';
import { layoutReport, legacyUnit, type PrintedTable } from '../render/report-layout';

/**
 * Renders a report the ways portals publish it, for property tests and benchmarks: the page on one
 * line inside the portal's chrome, tables as space-separated tokens or glued digit runs (running
 * into the next row's ordinal), header words split by spaces, headers repeated at page breaks with
 * `-2-` page numbers, full-width digits, `——` for zero.
 */
export type PagePattern = {
  /** Everything on one line (else: one line per heading and paragraph, each table on one line). */
  readonly oneLine: boolean;
  /** Portal chrome around the report (breadcrumbs, source, time, font size, share, print). */
  readonly chrome: boolean;
  /** How table values are printed: separated by spaces, glued, or each row at random. */
  readonly values: 'spaced' | 'glued' | 'mixed';
  /** Header words split by a space (`商业 企业`). */
  readonly splitHeaders: boolean;
  /** Page breaks inside tables: a page number and the header again. */
  readonly pageBreaks: boolean;
  readonly fullWidthDigits: boolean;
  /** Zero printed as `——`. */
  readonly dashZero: boolean;
  /** Ordinals printed before labels that the template prints without (`1.网站公开`). */
  readonly glueLabels: boolean;
};

export const PAGE_PATTERNS: Readonly<Record<string, PagePattern>> = {
  'one line with chrome': {
    oneLine: true,
    chrome: true,
    values: 'spaced',
    splitHeaders: false,
    pageBreaks: false,
    fullWidthDigits: false,
    dashZero: false,
    glueLabels: false,
  },
  'space-separated tokens': {
    oneLine: false,
    chrome: false,
    values: 'spaced',
    splitHeaders: false,
    pageBreaks: false,
    fullWidthDigits: false,
    dashZero: false,
    glueLabels: false,
  },
  'glued digit runs': {
    oneLine: false,
    chrome: false,
    values: 'glued',
    splitHeaders: false,
    pageBreaks: false,
    fullWidthDigits: false,
    dashZero: false,
    glueLabels: true,
  },
  'split header words': {
    oneLine: false,
    chrome: false,
    values: 'spaced',
    splitHeaders: true,
    pageBreaks: false,
    fullWidthDigits: false,
    dashZero: false,
    glueLabels: false,
  },
  'page breaks with repeated headers': {
    oneLine: false,
    chrome: false,
    values: 'mixed',
    splitHeaders: false,
    pageBreaks: true,
    fullWidthDigits: false,
    dashZero: false,
    glueLabels: false,
  },
  'full-width digits': {
    oneLine: true,
    chrome: false,
    values: 'mixed',
    splitHeaders: false,
    pageBreaks: false,
    fullWidthDigits: true,
    dashZero: false,
    glueLabels: false,
  },
  '—— for zero': {
    oneLine: false,
    chrome: true,
    values: 'spaced',
    splitHeaders: false,
    pageBreaks: false,
    fullWidthDigits: false,
    dashZero: true,
    glueLabels: false,
  },
  'everything at once': {
    oneLine: true,
    chrome: true,
    values: 'mixed',
    splitHeaders: true,
    pageBreaks: true,
    fullWidthDigits: true,
    dashZero: true,
    glueLabels: true,
  },
};

type Rng = () => number;

function splitWord(word: string, rng: Rng): string {
  if (word.length < 4 || /\d/.test(word) || rng() < 0.4) return word;
  const at = 2 + Math.floor(rng() * (word.length - 3));
  return `${word.slice(0, at)} ${word.slice(at)}`;
}

function fullWidth(text: string): string {
  return text.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
}

function headerWords(table: PrintedTable): string[] {
  return table.header.flatMap((row) => [...row]);
}

const LEGACY_ORDINAL_ROWS = /^(其中：)?(政府网站公开数|政府公报公开数)$/;

function tableText(table: PrintedTable, pattern: PagePattern, rng: Rng): string {
  const header = (): string =>
    headerWords(table)
      .map((w) => (pattern.splitHeaders ? splitWord(w, rng) : w))
      .join(' ');
  const parts: string[] = [header()];
  let page = 2;
  const legacy = table.id === 'legacyStats';
  let ordinal = 0;
  table.rows.forEach((row, i) => {
    if (pattern.pageBreaks && i > 0 && rng() < 0.15) {
      parts.push(` -${page}- ${header()} `);
      page += 1;
    }
    const glued =
      pattern.values === 'glued' || (pattern.values === 'mixed' && rng() < 0.5) ? true : false;
    const values = row.values.map((v) =>
      v === null ? '' : v === 0 && pattern.dashZero ? '——' : String(v),
    );
    let label = row.labels.join('');
    if (legacy && pattern.glueLabels && LEGACY_ORDINAL_ROWS.test(label)) {
      ordinal += 1;
      label = `其中：${ordinal}.${label.replace(/^其中：/, '')}`;
    }
    const group = row.group ? `${row.group.label} ` : '';
    const unit = legacy ? legacyUnit(row.labels[0] ?? '') : '';
    if (table.id === 'reviewLitigation') {
      parts.push(glued ? values.join('') : values.join(' '));
      return;
    }
    if (glued) parts.push(`${group}${label}${unit}${values.join('')}`);
    else parts.push(`${group}${label}${unit ? ` ${unit}` : ''} ${values.join(' ')}`);
  });
  // glued rows run into the next label without a space
  return parts.join(pattern.values === 'glued' ? '' : ' ');
}

const CHROME_HEAD = [
  '当前位置：首页 > 政务公开 > 法定主动公开内容 > 政府信息公开年报',
  '字号：大 中 小',
  '微信 微博',
];
const CHROME_TAIL = ['【打印本页】', '【关闭窗口】', '扫一扫在手机打开当前页'];

/** The report as a portal page's text in the given pattern (seeded: the same rng, the same text). */
export function renderPageText(report: AnnualReport, pattern: PagePattern, rng: Rng): string {
  const out: string[] = [];
  const blocks = layoutReport(report);
  if (pattern.chrome) out.push(...CHROME_HEAD);
  blocks.forEach((block, i) => {
    if (block.kind === 'table') out.push(tableText(block.table, pattern, rng));
    else out.push(block.text);
    if (i === 0 && pattern.chrome) {
      out.push(`来源：${report.organization.name}`, `时间：${report.year + 1}-01-30 09:12`);
    }
  });
  if (pattern.chrome) out.push(...CHROME_TAIL);
  const text = out.join(pattern.oneLine ? ' ' : '\n');
  return `${pattern.fullWidthDigits ? fullWidth(text) : text}\n`;
}
