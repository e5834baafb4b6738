import { useEffect, useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Button } from '../../../ui/Button';
import { Table } from '../../../ui/Table';
import { type RankingFilters, useWhatIf } from '../hooks/useRanking';

type Indicator = { indicatorId: string; labelZh: string; labelEn: string; weight: number };

/** Change the model's weights and see the ranking recomputed (nothing is saved). */
export function WhatIfPanel({
  filters,
  indicators,
}: {
  filters: RankingFilters;
  indicators: readonly Indicator[];
}) {
  const { t, locale, formatNumber, errorText } = useI18n();
  const [weights, setWeights] = useState<Record<string, number>>({});
  const [applied, setApplied] = useState<{ indicatorId: string; weight: number }[] | null>(null);
  // Recompute shortly after the last slider move.
  useEffect(() => {
    if (Object.keys(weights).length === 0) return;
    const timer = setTimeout(
      () =>
        setApplied(
          Object.entries(weights).map(([indicatorId, weight]) => ({ indicatorId, weight })),
        ),
      250,
    );
    return () => clearTimeout(timer);
  }, [weights]);
  const { result, loading, error } = useWhatIf(filters, applied);
  // The recomputed order (kept on screen while the next one loads), best first.
  const order = result?.entries ?? [];
  return (
    <div className="whatif" data-testid="whatif" aria-busy={loading || undefined}>
      <div className="whatif-weights">
        {indicators.map((i) => {
          const value = weights[i.indicatorId] ?? i.weight;
          return (
            <label key={i.indicatorId} className="whatif-weight">
              <span>{locale === 'en' ? i.labelEn : i.labelZh}</span>
              <input
                type="range"
                min={0}
                max={Math.max(1, i.weight * 3)}
                step={Math.max(0.001, i.weight / 20)}
                value={value}
                onChange={(e) =>
                  setWeights((w) => ({ ...w, [i.indicatorId]: Number(e.target.value) }))
                }
              />
              <output>{formatNumber(value, { maximumFractionDigits: 3 })}</output>
            </label>
          );
        })}
      </div>
      <div className="toolbar">
        <Button
          size="sm"
          onClick={() => {
            setWeights({});
            setApplied(null);
          }}
        >
          {t('ranking.resetWeights')}
        </Button>
        <span role="status" className="muted">
          {loading
            ? t('common.loading')
            : result
              ? t('ranking.moved', { count: result.movedCount, total: result.totalCount })
              : t('ranking.whatIfHint')}
        </span>
      </div>
      {error && <p role="alert">{errorText(error)}</p>}
      {order.length > 0 && (
        <Table
          caption={t('ranking.whatIf')}
          hideCaption
          rows={order.slice(0, 30)}
          rowKey={(e) => e.organizationId}
          columns={[
            { key: 'name', header: t('review.organization'), render: (e) => e.organizationName },
            {
              key: 'base',
              header: t('ranking.baseRank'),
              align: 'right',
              render: (e) => e.baseRank ?? '—',
            },
            {
              key: 'rank',
              header: t('ranking.newRank'),
              align: 'right',
              render: (e) => e.rank ?? '—',
            },
            {
              key: 'delta',
              header: t('ranking.change'),
              align: 'right',
              render: (e) =>
                e.rankDelta ? (e.rankDelta > 0 ? `▲${e.rankDelta}` : `▼${-e.rankDelta}`) : '—',
            },
          ]}
        />
      )}
    </div>
  );
}
