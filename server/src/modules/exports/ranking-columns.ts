import { formatShanghaiMinute, shanghaiWallClock } from '@gongkai/report-model';
import type { ScoringModel } from '@gongkai/scoring';
import type { IndicatorColumn, RankingRow } from '../scoring';

/** What a ranking sheet says about itself: the title row and the methodology sheet. */
export type RankingSheetMeta = {
  /** e.g. `2023年度` */
  readonly roundLabel: string;
  readonly regionName: string;
  readonly peerGroup: string | null;
  readonly indicators: readonly IndicatorColumn[];
  readonly model: ScoringModel;
  readonly asOf: string;
  readonly generatedAt: Date;
  readonly snapshot: {
    readonly id: string;
    readonly title: string;
    readonly status: string;
    readonly frozenAt: string;
    readonly publishedAt: string | null;
    readonly stale: boolean;
    readonly staleReason: string | null;
  } | null;
  /**
   * Last year's published ranking of the same population the 与上年比较 columns come from
   * (its scores by organization id), or null when there is none.
   */
  readonly previous: {
    readonly title: string;
    readonly publishedAt: string | null;
    readonly scores: ReadonlyMap<string, number | null>;
  } | null;
};

/** The note the sheet carries instead of 与上年比较 values when last year has no published ranking. */
export const NO_PREVIOUS_NOTE = '上年无已发布的同范围排名，暂无比较';

export type CellValue = string | number | Date | null;

export type ColumnKind = 'integer' | 'score' | 'change' | 'scoreChange' | 'text' | 'date';

/** One column of the ranking sheet: a first-level group, its own header, and a value. */
export type RankingColumn = {
  readonly key: string;
  readonly group: string;
  readonly header: string;
  readonly kind: ColumnKind;
  readonly width: number;
  /** Long values wrap onto more lines instead of being cut at the column's edge. */
  readonly wrap?: boolean;
  readonly value: (row: RankingRow) => CellValue;
};

export const STATUS_LABELS: Readonly<Record<string, string>> = {
  DRAFT: '草稿',
  SUBMITTED: '已报送',
  RETURNED: '已退回',
  RESUBMITTED: '已重报',
  APPROVED: '已通过',
  PUBLISHED: '已公开',
};

export { formatShanghaiMinute, shanghaiWallClock };

/** The sheet's columns, in order; the same for .xlsx and .csv. */
export function rankingColumns(meta: RankingSheetMeta): RankingColumn[] {
  const base = (
    key: string,
    header: string,
    kind: ColumnKind,
    width: number,
    value: RankingColumn['value'],
  ): RankingColumn => ({ key, group: header, header, kind, width, value });
  const previousScore = (r: RankingRow): number | null =>
    meta.previous?.scores.get(r.organizationId) ?? null;
  const compared = meta.previous ? '与上年比较' : `与上年比较（${NO_PREVIOUS_NOTE}）`;
  return [
    base('rank', '排名', 'integer', 7, (r) => r.rank),
    base('tied', '并列', 'text', 6, (r) => (r.tied ? '是' : null)),
    { ...base('organization', '单位', 'text', 26, (r) => r.organizationName), wrap: true },
    { ...base('region', '所属地区', 'text', 20, (r) => r.regionName), wrap: true },
    { ...base('peerGroup', '同类组', 'text', 20, (r) => r.peerGroup), wrap: true },
    { key: 'score', group: '得分', header: '总分', kind: 'score', width: 9, value: (r) => r.score },
    ...meta.indicators.map((indicator, j): RankingColumn => ({
      key: `points.${indicator.indicatorId}`,
      group: '得分',
      header: indicator.labelZh,
      kind: 'score',
      // two lines of the header (wrapped) fit; a Chinese character is two widths wide
      width: Math.max(10, Math.min(20, indicator.labelZh.length + 4)),
      value: (r) => r.points[j] ?? null,
    })),
    { ...base('flags', '问题标记', 'text', 30, (r) => flagLabels(r.flags)), wrap: true },
    {
      key: 'firstSubmittedAt',
      group: '报送情况',
      header: '首次报送时间',
      kind: 'date',
      width: 17,
      value: (r) => (r.firstSubmittedAt ? shanghaiWallClock(r.firstSubmittedAt) : null),
    },
    {
      key: 'status',
      group: '报送情况',
      header: '状态',
      kind: 'text',
      width: 9,
      value: (r) => (r.status ? (STATUS_LABELS[r.status] ?? r.status) : '未报送'),
    },
    {
      key: 'previousRank',
      group: compared,
      header: '上年排名',
      kind: 'integer',
      width: 10,
      value: (r) => (meta.previous ? r.previousRank : null),
    },
    {
      key: 'rankChange',
      group: compared,
      header: '名次变化',
      kind: 'change',
      width: 10,
      value: (r) => (meta.previous ? r.rankChange : null),
    },
    {
      key: 'previousScore',
      group: compared,
      header: '上年得分',
      kind: 'score',
      width: 10,
      value: previousScore,
    },
    {
      key: 'scoreChange',
      group: compared,
      header: '得分变化',
      kind: 'scoreChange',
      width: 10,
      value: (r) => {
        const before = previousScore(r);
        return before === null || r.score === null
          ? null
          : Math.round((r.score - before) * 100) / 100;
      },
    },
  ];
}

/** `2023年度政府信息公开工作年度报告排名表 · 某市（同类组：…）` */
export function sheetTitle(meta: RankingSheetMeta): string {
  const peer = meta.peerGroup ? `（同类组：${meta.peerGroup}）` : '';
  return `${meta.roundLabel}政府信息公开工作年度报告排名表 · ${meta.regionName}${peer}`;
}

/** A cell as text, the way the sheet displays it (used by the CSV). */
export function displayText(column: RankingColumn, value: CellValue): string {
  if (value === null) return '';
  switch (column.kind) {
    case 'score':
      return typeof value === 'number' ? value.toFixed(2) : String(value);
    case 'change':
      return typeof value === 'number' && value > 0 ? `+${value}` : String(value);
    case 'scoreChange':
      return typeof value === 'number'
        ? `${value > 0 ? '+' : ''}${value.toFixed(2)}`
        : String(value);
    case 'date':
      return value instanceof Date
        ? value.toISOString().slice(0, 16).replace('T', ' ')
        : String(value);
    default:
      return value instanceof Date ? value.toISOString() : String(value);
  }
}

/** `同比异常×2；报告与花名册不符`: each kind of flag once, with how many were raised. */
export function flagLabels(flags: readonly { readonly labelZh: string }[]): string | null {
  if (flags.length === 0) return null;
  if (flags.length === 1) return (flags[0] as { readonly labelZh: string }).labelZh;
  const counts = new Map<string, number>();
  for (const flag of flags) counts.set(flag.labelZh, (counts.get(flag.labelZh) ?? 0) + 1);
  const labels = [...counts].map(([label, n]) => (n > 1 ? `${label}×${n}` : label));
  return labels.length > 0 ? labels.join('；') : null;
}
