import type { ScoringModel } from '@gongkai/scoring';
import { formatShanghaiMinute, shanghaiWallClock } from '../../common/shanghai-time';
import type { IndicatorColumn, RankingRow } from '../scoring/ranking-row';

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
    readonly status: string;
    readonly frozenAt: string;
    readonly publishedAt: string | null;
    readonly stale: boolean;
    readonly staleReason: string | null;
  } | null;
};

export type CellValue = string | number | Date | null;

export type ColumnKind = 'integer' | 'score' | 'change' | 'text' | 'date';

/** One column of the ranking sheet: a first-level group, its own header, and a value. */
export type RankingColumn = {
  readonly key: string;
  readonly group: string;
  readonly header: string;
  readonly kind: ColumnKind;
  readonly width: number;
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
  return [
    base('rank', '排名', 'integer', 7, (r) => r.rank),
    base('tied', '并列', 'text', 6, (r) => (r.tied ? '是' : null)),
    base('organization', '单位', 'text', 30, (r) => r.organizationName),
    base('region', '所属地区', 'text', 16, (r) => r.regionName),
    base('peerGroup', '同类组', 'text', 14, (r) => r.peerGroup),
    { key: 'score', group: '得分', header: '总分', kind: 'score', width: 9, value: (r) => r.score },
    ...meta.indicators.map((indicator, j): RankingColumn => ({
      key: `points.${indicator.indicatorId}`,
      group: '得分',
      header: indicator.labelZh,
      kind: 'score',
      width: Math.max(9, Math.min(16, indicator.labelZh.length * 2 + 2)),
      value: (r) => r.points[j] ?? null,
    })),
    base('flags', '问题标记', 'text', 36, (r) => flagLabels(r.flags)),
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
      group: '与上年比较',
      header: '上年排名',
      kind: 'integer',
      width: 9,
      value: (r) => r.previousRank,
    },
    {
      key: 'rankChange',
      group: '与上年比较',
      header: '名次变化',
      kind: 'change',
      width: 9,
      value: (r) => r.rankChange,
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
