import './ranking-table.css';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n';
import { type SortState, Table } from '../../../ui/Table';
import type { RankingRow } from '../hooks/useRanking';

type Props = {
  rows: readonly RankingRow[];
  indicators: readonly { indicatorId: string; labelZh: string; labelEn: string }[];
  onExplain: (organizationId: string) => void;
  /** A display filter (search, peer group, department type, flag) is applied. */
  filtered?: boolean;
};

/** Flag chips shown in a row; the rest are counted in a "+n" chip (all of them in its tooltip). */
const CHIPS = 2;

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

/**
 * Why a line has no score: nothing submitted — no submission or a draft — (the server leaves
 * such a body unranked while its deadline is open; once it has passed, what is missing scores
 * 0), else no indicator applies. The explanation states the server's own reason.
 */
export function unrankedReasonOf(row: Pick<RankingRow, 'score' | 'status'>) {
  if (row.score != null) return null;
  return row.status == null || row.status === 'DRAFT' ? 'awaitingReport' : 'nothingApplies';
}

const TONE = { error: 'error', warning: 'warn', info: 'info' } as const;

function FlagChips({ flags }: { flags: RankingRow['flags'] }) {
  const { t } = useI18n();
  if (flags.length === 0) return <span className="muted">{t('ranking.noFlags')}</span>;
  const shown = flags.slice(0, CHIPS);
  const rest = flags.slice(CHIPS);
  return (
    <span className="flag-chips">
      {shown.map((f) => (
        <span
          key={f.id}
          className={`flag-chip badge badge-${TONE[f.severity as keyof typeof TONE] ?? 'info'}`}
          title={f.labelZh}
        >
          {f.labelZh}
        </span>
      ))}
      {rest.length > 0 && (
        <span
          className="flag-chip badge badge-neutral"
          title={flags.map((f) => f.labelZh).join('、')}
        >
          {t('ranking.moreFlags', { count: rest.length })}
        </span>
      )}
    </span>
  );
}

/**
 * The ranking, one line per body: rank and name stay in view while the table scrolls (sticky
 * header and first columns), flags as compact chips, the score explanation one click away (the
 * score or the ⓘ of the row).
 */
export function RankingTable({ rows, indicators, onExplain, filtered = false }: Props) {
  const { t, locale, formatNumber } = useI18n();
  const [sort, setSort] = useState<SortState>({ key: 'rank', direction: 'asc' });
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  const fmt = (v: number | null | undefined) =>
    v == null ? '—' : formatNumber(v, { maximumFractionDigits: 1 });
  return (
    <div className="ranking-table">
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
            render: (r) => (
              <Link
                to={`/organizations/${r.organizationId}`}
                title={[r.organizationName, r.departmentType, r.peerGroup]
                  .filter(Boolean)
                  .join(' · ')}
              >
                {r.organizationName}
              </Link>
            ),
          },
          {
            key: 'score',
            header: t('ranking.score'),
            sortable: true,
            align: 'right',
            render: (r) =>
              r.score == null ? (
                <button
                  type="button"
                  className="link-button unranked-button"
                  onClick={() => onExplain(r.organizationId)}
                  title={t(`ranking.unrankedReason.${unrankedReasonOf(r) ?? 'nothingApplies'}`)}
                >
                  {t('ranking.unrankedMark')}
                </button>
              ) : (
                <button
                  type="button"
                  className="link-button score-button"
                  onClick={() => onExplain(r.organizationId)}
                  title={t('ranking.explainOf', { name: r.organizationName })}
                >
                  {fmt(r.score)}
                </button>
              ),
          },
          ...indicators.map((i) => {
            const label = locale === 'en' ? i.labelEn : i.labelZh;
            return {
              key: i.indicatorId,
              header: (
                <span className="indicator-head" title={label} lang={locale}>
                  {label}
                </span>
              ),
              sortable: true,
              align: 'right' as const,
              render: (r: RankingRow) =>
                fmt(r.subScores.find((s) => s.indicatorId === i.indicatorId)?.points),
            };
          }),
          {
            key: 'flags',
            header: t('review.flags'),
            render: (r) => <FlagChips flags={r.flags} />,
          },
          {
            key: 'explain',
            header: <span className="visually-hidden">{t('ranking.explain')}</span>,
            render: (r) => (
              <button
                type="button"
                className="icon-button"
                onClick={() => onExplain(r.organizationId)}
                aria-label={t('ranking.explainOf', { name: r.organizationName })}
                title={t('ranking.explain')}
              >
                ⓘ
              </button>
            ),
          },
        ]}
      />
    </div>
  );
}
