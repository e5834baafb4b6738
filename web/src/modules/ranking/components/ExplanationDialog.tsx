import { useMemo } from 'react';
import { useI18n } from '../../../app/i18n';
import { EChart } from '../../../ui/charts/EChart';
import { Dialog } from '../../../ui/Dialog';
import { Table } from '../../../ui/Table';
import { useExplanation } from '../hooks/useRanking';
import { explanationWaterfallOption } from '../utils/explanation-waterfall.option';
import { formatIndicatorValue } from '../utils/indicator-value';

type Props = { roundId: string | undefined; organizationId: string | null; onClose: () => void };

/** Why an organization scored what it did: a waterfall of indicator contributions and the table behind it. */
export function ExplanationDialog({ roundId, organizationId, onClose }: Props) {
  const { t, locale, formatNumber, errorText } = useI18n();
  const { explanation, loading, error } = useExplanation(roundId, organizationId);
  const en = locale === 'en';
  const option = useMemo(
    () =>
      explanationWaterfallOption(
        (explanation?.contributions ?? []).map((c) => ({
          label: en ? c.labelEn : c.labelZh,
          points: c.points,
          maxPoints: c.maxPoints,
        })),
        { points: t('ranking.points'), lost: t('ranking.lost'), total: t('ranking.score') },
      ),
    [explanation, en, t],
  );
  return (
    <Dialog
      open={organizationId !== null}
      title={t('ranking.explanationOf', { name: explanation?.organizationName ?? '' })}
      onClose={onClose}
      closeLabel={t('common.close')}
    >
      {loading && <p>{t('common.loading')}</p>}
      {error && <p role="alert">{errorText(error)}</p>}
      {explanation && (
        <div data-testid="explanation">
          <p>
            {t('ranking.score')}：
            <strong>
              {explanation.score == null
                ? '—'
                : formatNumber(explanation.score, { maximumFractionDigits: 2 })}
            </strong>{' '}
            <span className="muted">
              {t('ranking.modelVersion', { version: explanation.modelVersion })}
            </span>
          </p>
          {explanation.unrankedReason && (
            <p className="notice" data-testid="unranked-reason">
              {t(
                explanation.unrankedReason === 'awaitingReport'
                  ? 'ranking.unrankedReason.awaitingReport'
                  : 'ranking.unrankedReason.nothingApplies',
              )}
            </p>
          )}
          {explanation.score != null && (
            <EChart
              option={option}
              ariaLabel={t('ranking.waterfall')}
              height={280}
              testId="chart-waterfall"
            />
          )}
          <Table
            caption={t('ranking.contributions')}
            hideCaption
            rows={explanation.contributions}
            rowKey={(c) => c.indicatorId}
            columns={[
              {
                key: 'label',
                header: t('ranking.indicator'),
                render: (c) => (en ? c.labelEn : c.labelZh),
              },
              {
                key: 'raw',
                header: t('ranking.raw'),
                align: 'right',
                render: (c) =>
                  c.raw == null
                    ? t(
                        `ranking.status.${c.status === 'notApplicable' ? 'notApplicable' : 'missing'}`,
                      )
                    : formatIndicatorValue(c.indicatorId, c.raw, {
                        formatNumber,
                        unit: (kind, count) => t(`ranking.unit.${kind}`, { count }),
                      }),
              },
              {
                key: 'weight',
                header: t('ranking.weight'),
                align: 'right',
                render: (c) => formatNumber(c.weight, { maximumFractionDigits: 3 }),
              },
              {
                key: 'points',
                header: t('ranking.points'),
                align: 'right',
                render: (c) =>
                  `${formatNumber(c.points, { maximumFractionDigits: 2 })} / ${formatNumber(c.maxPoints, { maximumFractionDigits: 2 })}`,
              },
            ]}
          />
        </div>
      )}
    </Dialog>
  );
}
