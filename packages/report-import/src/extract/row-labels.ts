import { ROW_LABELS, type TableId } from '@gongkai/report-model';

/**
 * Matching printed row labels to row keys. The official labels come from the report model;
 * the wordings below are what real reports print instead (truncated, reworded). Keep aliases here,
 * not in the model: they are an importer concern.
 */
const IMPORT_ALIASES: Readonly<
  Partial<Record<TableId, Readonly<Record<string, readonly string[]>>>>
> = {
  applications: {
    newReceived: ['本年新收政府信息公开申请', '本年新收申请数量'],
    carriedOver: ['上年结转政府信息公开申请', '上年结转申请数量'],
    partiallyGranted: ['部分公开'],
    deniedEndangersSecurity: ['危及三安全一稳定'],
    deniedProhibitedByLaw: ['其他法律行政法规禁止公开'],
    otherNoCorrection: ['逾期不补正'],
    otherNoFee: ['逾期未按收费通知要求缴纳费用'],
    carriedForward: ['结转下年度继续办理'],
    total: ['总计'],
  },
  article20: {
    normativeDocuments: ['规范性文件'],
    procurement: ['政府集中采购'],
    fees: ['行政事业性收费'],
  },
  legacyStats: {
    proactiveTotal: ['主动公开政府信息数'],
    proactiveWebsite: ['政府网站公开数', '网站公开'],
    applicationsTotal: ['受理申请总数'],
    feeWaiverYuan: ['收费减免金额'],
    complaints: ['申诉举报数', '行政申诉举报数'],
  },
};

/** Strips whitespace, punctuation and 其中, keeping the words of a label. */
export function labelWords(label: string): string {
  return label
    .replace(/[\s()（）[\]【】〔〕<>《》、.．:：,，;；“”"'‘’·\-—_/／|]/g, '')
    .replace(/其中/g, '')
    .replace(/[（(]?单位[:：]?[^)）]*[)）]?/g, '');
}

/** Label words without the leading ordinals (三、 （一） 1.) of a row label. */
export function coreWords(label: string): string {
  return labelWords(label).replace(/^[一二三四五六七八九十\d]+/, '');
}

export type RowMatch = { readonly table: TableId; readonly row: string; readonly exact: boolean };

type Phrase = {
  readonly table: TableId;
  readonly row: string;
  readonly words: string;
  readonly exactOnly: boolean;
};

const PHRASES: readonly Phrase[] = (() => {
  const phrases: Phrase[] = [];
  const labels = ROW_LABELS as unknown as Record<
    TableId,
    Record<string, { zh: string; aliases?: readonly string[] }>
  >;
  for (const table of Object.keys(labels) as TableId[]) {
    if (table === 'reviewLitigation') continue; // printed as one unlabelled row of 15 numbers
    for (const [row, label] of Object.entries(labels[table] ?? {})) {
      const texts = [label.zh, ...(label.aliases ?? []), ...(IMPORT_ALIASES[table]?.[row] ?? [])];
      for (const text of texts) {
        const words = coreWords(text);
        if (words !== '') phrases.push({ table, row, words, exactOnly: words.length <= 2 });
      }
    }
  }
  return phrases.sort((a, b) => b.words.length - a.words.length);
})();

/** The ordinal a row label is printed with (“2.其他法律…” → "2"), or null. */
export function rowOrdinal(table: TableId, row: string): string | null {
  const labels = ROW_LABELS as unknown as Record<string, Record<string, { zh: string }>>;
  const zh = labels[table]?.[row]?.zh ?? '';
  return /(\d+)[.．]/.exec(zh)?.[1] ?? null;
}

const MATCH_CACHE = new Map<string, RowMatch | null>();
const MATCH_CACHE_SIZE = 10_000;

/**
 * The row a printed label names, among the given tables in order of preference: the longest known
 * phrase the label contains (two-character phrases such as 总计/其他 must be the whole label).
 * `exact` is true when the label is the phrase and nothing else.
 */
export function matchRowLabel(label: string, tables: readonly TableId[]): RowMatch | null {
  const key = `${tables.join(',')}|${label}`;
  const cached = MATCH_CACHE.get(key);
  if (cached !== undefined) return cached;
  const words = labelWords(label);
  const core = coreWords(label);
  let found: RowMatch | null = null;
  if (words !== '') {
    for (const table of tables) {
      for (const phrase of PHRASES) {
        if (phrase.table !== table) continue;
        const exact = core === phrase.words;
        if (exact || (!phrase.exactOnly && words.includes(phrase.words))) {
          found = { table: phrase.table, row: phrase.row, exact };
          break;
        }
      }
      if (found) break;
    }
  }
  if (MATCH_CACHE.size >= MATCH_CACHE_SIZE) MATCH_CACHE.clear();
  MATCH_CACHE.set(key, found);
  return found;
}
