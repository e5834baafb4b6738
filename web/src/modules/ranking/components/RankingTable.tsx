import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n';
import { Badge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { type SortState, Table } from '../../../ui/Table';
import type { RankingRow } from '../hooks/useRanking';

type Props = {
  rows: readonly RankingRow[];
  indicators: readonly { indicatorId: string; labelZh: string; labelEn: string }[];
  onExplain: (organizationId: string) => void;
  /** A display filter (search, peer group, department type, flag) is applied. */
  filtered?: boolean;
};

function sortRows(rows: readonly RankingRow[], sort: SortState): RankingRow[] {
  if (!sort) return [...rows];
  const dir = sort.direction === 'asc' ? 1 : -1;
  const value = (r: RankingRow): number | string | null =>
    sort.key === 'name'
      ? r.organizationName
      : sort.key === 'score'
        ? (r.score ?? null)
        : sort.key === 'rank'
          ? (r.rank ?? null)
          : (r.subScores.find((s) => s.indicatorId === sort.key)?.points ?? null);
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null && y === null) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return (typeof x === 'string' ? x.localeCompare(String(y)) : x - Number(y)) * dir;
  });
}

export function RankingTable({ rows, indicators, onExplain, filtered = false }: Props) {
  const { t, locale, formatNumber } = useI18n();
  const [sort, setSort] = useState<SortState>({ key: 'rank', direction: 'asc' });
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  const fmt = (v: number | null | undefined) =>
    v == null ? '—' : formatNumber(v, { maximumFractionDigits: 2 });
  return (
    <Table
      caption={t('ranking.table')}
      hideCaption
      rows={sorted}
      rowKey={(r) => r.organizationId}
      testId="ranking-table"
      empty={t(filtered ? 'ranking.emptyFiltered' : 'ranking.empty')}
      sort={sort}
      onSort={(key) =>
        setSort((s) => ({
          key,
          direction: s?.key === key && s.direction === 'asc' ? 'desc' : 'asc',
        }))
      }
      columns={[
        {
          key: 'rank',
          header: t('ranking.rank'),
          sortable: true,
          align: 'right',
          render: (r) => (
            <>
              {r.rank ?? '—'}
              {r.tied && <span className="muted">=</span>}
              {r.rankChange ? (
                <span className={r.rankChange > 0 ? 'up' : 'down'}>
                  {' '}
                  {r.rankChange > 0 ? `▲${r.rankChange}` : `▼${-r.rankChange}`}
                </span>
              ) : null}
            </>
          ),
        },
        {
          key: 'name',
          header: t('review.organization'),
          sortable: true,
          width: '15em',
          render: (r) => (
            <>
              <Link to={`/organizations/${r.organizationId}`}>{r.organizationName}</Link>
              <div className="muted small">
                {[r.departmentType, r.peerGroup].filter(Boolean).join(' · ')}
              </div>
            </>
          ),
        },
        {
          key: 'score',
          header: t('ranking.score'),
          sortable: true,
          align: 'right',
          render: (r) => <strong>{fmt(r.score)}</strong>,
        },
        ...indicators.map((i) => ({
          key: i.indicatorId,
          header: locale === 'en' ? i.labelEn : i.labelZh,
          sortable: true,
          align: 'right' as const,
          render: (r: RankingRow) =>
            fmt(r.subScores.find((s) => s.indicatorId === i.indicatorId)?.points),
        })),
        {
          key: 'flags',
          header: t('review.flags'),
          render: (r) => (
            <span className="flag-list">
              {r.flags.map((f) => (
                <Badge
                  key={f.id}
                  tone={
                    f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warn' : 'info'
                  }
                >
                  {f.labelZh}
                </Badge>
              ))}
            </span>
          ),
        },
        {
          key: 'explain',
          header: <span className="visually-hidden">{t('ranking.explain')}</span>,
          render: (r) => (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => onExplain(r.organizationId)}
              disabled={r.score == null}
            >
              {t('ranking.explain')}
            </Button>
          ),
        },
      ]}
    />
  );
}
