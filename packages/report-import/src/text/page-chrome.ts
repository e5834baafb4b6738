import { COLUMN_LABELS } from '@gongkai/report-model';

/** A regex source matching `word` with any spacing between its characters (`商业 企业`). */
export function spaced(word: string): string {
  return [...word].map((ch) => ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('[ \\t]*');
}

/**
 * The parts of a portal page around a report that are not the report: breadcrumbs, share and
 * print buttons, font-size switches, visit counters. Removed outright (replaced by a line break).
 */
const CHROME_REMOVED: readonly RegExp[] = [
  /当前位置[:：]?[ \t]*(?:首页|主页|网站首页)(?:[ \t]*[>＞»›/][ \t]*[\u4e00-\u9fa5A-Za-z]{1,12})*/g,
  /您的位置[:：]?[ \t]*(?:首页|主页)(?:[ \t]*[>＞»›/][ \t]*[\u4e00-\u9fa5A-Za-z]{1,12})*/g,
  /字号[:：]?[ \t]*[【[]?[ \t]*大[ \t]*[】\]]?[ \t]*[【[]?[ \t]*中[ \t]*[】\]]?[ \t]*[【[]?[ \t]*小[ \t]*[】\]]?/g,
  /(?:分享到|分享)[:：]?[ \t]*(?:微信|微博|QQ空间|QQ)(?:[ \t]*(?:微信|微博|QQ空间|QQ))*/g,
  /(?:^|[ \t])微信[ \t]+微博(?=[ \t]|$)/gm,
  /[【[]?(?:打印本页|打印|关闭窗口|关闭本页|返回顶部|收藏本页|加入收藏)[】\]]?(?=[ \t]|$|[【[])/gm,
  /(?:浏览次数|访问次数|阅读次数|点击数|浏览量)[:：]?[ \t]*\d*/g,
  /扫一扫在手机(?:上)?(?:打开|查看)当前页/g,
  /(?:主办单位|承办单位|技术支持|网站标识码|网站地图)[:：]?[ \t]*[\u4e00-\u9fa5A-Za-z0-9]{0,30}/g,
];

/** Page metadata kept, but on a line of its own so that the reader can use it. */
const CHROME_LINES: readonly RegExp[] = [
  /(?:发布)?(?:来源|信息来源)[:：][ \t]*[\u4e00-\u9fa5]{2,30}/g,
  /(?:发布)?(?:时间|日期)[:：][ \t]*\d{4}-\d{1,2}-\d{1,2}(?:[ \t]+\d{1,2}:\d{2}(?::\d{2})?)?/g,
  /附件下载[:：]?/g,
];

/**
 * A page number printed at a page break: `-2-`, `—3—`, `第2页`, `第 2 页 共 5 页`. Spaces inside the
 * dashes are not accepted (`- 2 -` may be a zero, a value and a zero); a `-2-` glued to the values
 * before it is still a page number when no digit or dash follows.
 */
export const PAGE_NUMBER =
  /(?<![-—–\d.])(?:[-—–]\d{1,3}[-—–](?![-—–\d.])|(?<=^|\s)第[ \t]*\d{1,3}[ \t]*页(?:[ \t]*[,，]?[ \t]*共[ \t]*\d{1,3}[ \t]*页)?(?=\s|$))/g;

const CHROME_HINT =
  /当前位置|您的位置|字号|分享|微信|打印|关闭|浏览|访问次数|阅读次数|点击数|扫一扫|主办单位|承办单位|技术支持|网站标识码|网站地图|来源|时间|日期|附件下载/;

/** Removes the chrome of a portal page; metadata it keeps goes on lines of its own. */
export function stripChrome(text: string): string {
  if (!CHROME_HINT.test(text)) return text;
  let out = text;
  for (const re of CHROME_REMOVED) out = out.replace(re, '\n');
  for (const re of CHROME_LINES) out = out.replace(re, (hit) => `\n${hit}\n`);
  return out;
}

/** The header words of every table, longest first, each tolerant of spaces inside it. */
const HEADER_WORDS: readonly string[] = (() => {
  const words = new Set<string>([
    '信息内容',
    '申请人情况',
    '法人或其他组织',
    '未经复议直接起诉',
    '复议后起诉',
    '行政复议',
    '行政诉讼',
    '指标名称',
    '计量单位',
    '本年度',
    '历年累计',
    '统计指标',
    '单位',
    '数量',
  ]);
  const labels = COLUMN_LABELS as unknown as Record<string, Record<string, { zh: string }>>;
  for (const table of Object.values(labels)) {
    for (const label of Object.values(table)) {
      words.add(label.zh.replace(/[（(]单位[:：][^）)]*[）)]/, ''));
    }
  }
  words.add('本年收费金额');
  words.add('采购总金额');
  return [...words].sort((a, b) => b.length - a.length);
})();

const HEADER_WORD = `(?:[（(]本列数据的勾稽关系[^）)]{0,60}[）)]|[（(]单位[:：][^）)]{0,8}[）)]|\\d{4}[ \\t]*年度|第二十条第[（(][一二三四五六七八九十]{1,3}[)）]项|${HEADER_WORDS.map(spaced).join('|')})`;

/**
 * Runs of table header words (two or more, at least six characters): the header of a table and
 * the headers repeated at each page break. Their positions, as [start, end) pairs.
 */
export function headerBlocks(text: string): [number, number][] {
  // the page-text reader asks for the same section of text once per template it tries
  const known = HEADER_BLOCKS.get(text);
  if (known) return known.map(([s, e]) => [s, e]);
  const found = findHeaderBlocks(text);
  if (HEADER_BLOCKS.size >= 64) HEADER_BLOCKS.clear();
  HEADER_BLOCKS.set(text, found);
  return found.map(([s, e]) => [s, e]);
}

const HEADER_BLOCKS = new Map<string, readonly (readonly [number, number])[]>();

function findHeaderBlocks(text: string): [number, number][] {
  const re = new RegExp(
    `${HEADER_WORD}(?:[ \\t]*${HEADER_WORD})+(?=[^\\u4e00-\\u9fa5]|$|[一二三四五六七八九十]{1,2}[、.．])`,
    'g',
  );
  const out: [number, number][] = [];
  for (const hit of text.matchAll(re)) {
    const start = hit.index ?? 0;
    if (hit[0].replace(/\s/g, '').length >= 6) out.push([start, start + hit[0].length]);
  }
  return out;
}

/** Joins header words a page split with spaces (`商业 企业` → `商业企业`). */
export function joinSplitWords(text: string): string {
  return text.replace(SPLIT_WORD, (hit) => hit.replace(/[ \t]/g, ''));
}

const SPLIT_WORD = new RegExp(
  HEADER_WORDS.filter((w) => w.length >= 4)
    .map(spaced)
    .join('|'),
  'g',
);
