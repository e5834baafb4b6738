import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../../app/i18n';
import { Card } from '../../../ui/Card';
import { EChart } from '../../../ui/charts/EChart';
import { ProgressBar } from '../../../ui/ProgressBar';
import { useRoundStats } from '../hooks/useRoundStats';
import { completionByRegionOption } from '../utils/completion-by-region.option';

type Props = { roundId: string | undefined; nodeId: string; onDrill: (nodeId: string) => void };

/** Expected / submitted / on time / approved, and completion per sub-region (click to drill down). */
export function OverviewProgress({ roundId, nodeId, onDrill }: Props) {
  const { t, formatNumber, errorText } = useI18n();
  const navigate = useNavigate();
  const { stats, names, loading, error } = useRoundStats(roundId, nodeId);
  // Sub-regions (county-level governments with bodies under them) are what can be drilled into;
  // the node's own departments (one body each) would only flatten the chart.
  const regions = useMemo(() => {
    const children = (stats?.children ?? []).filter((c) => c.expected > 0);
    const subtrees = children.filter((c) => c.expected > 1);
    return (subtrees.length >= 2 ? subtrees : children).map((c) => ({
      id: c.nodeId,
      name: names.get(c.nodeId) ?? c.nodeId.slice(0, 8),
      expected: c.expected,
      submitted: c.submitted,
      approved: c.approved,
    }));
  }, [stats, names]);
  const option = useMemo(
    () =>
      completionByRegionOption(regions, {
        approved: t('overview.approved'),
        submittedOnly: t('overview.submittedOnly'),
        missing: t('overview.missing'),
      }),
    [regions, t],
  );
  const pct = (v: number) => `${formatNumber(v, { maximumFractionDigits: 1 })}%`;
  const list = (query: string) => navigate(`/review?round=${roundId ?? ''}&${query}`);
  return (
    <div className="page-grid">
      <Card title={t('overview.progress')}>
        {loading && <p>{t('common.loading')}</p>}
        {error && <p role="alert">{errorText(error)}</p>}
        {stats && (
          <div className="progress-stack" data-testid="overview-progress">
            <ProgressBar
              label={t('overview.submitted')}
              value={stats.submitted}
              max={stats.expected}
              valueText={`${stats.submitted} / ${stats.expected} · ${pct(stats.submittedRate)}`}
              onClick={() => list('status=all')}
            />
            <ProgressBar
              label={t('overview.onTime')}
              value={stats.onTime}
              max={stats.expected}
              tone="ok"
              valueText={`${stats.onTime} / ${stats.expected} · ${pct(stats.onTimeRate)}`}
              onClick={() => list('status=all&flag=late')}
            />
            <ProgressBar
              label={t('overview.complete')}
              value={stats.complete}
              max={stats.expected}
              tone="info"
              valueText={`${stats.complete} / ${stats.expected} · ${pct(stats.completeRate)}`}
              onClick={() => list('status=all&flag=incomplete')}
            />
            <ProgressBar
              label={t('overview.approved')}
              value={stats.approved}
              max={stats.expected}
              tone="ok"
              valueText={`${stats.approved} / ${stats.expected} · ${pct(stats.approvedRate)}`}
              onClick={() => list('status=APPROVED,PUBLISHED')}
            />
            <p className="muted">
              {t('overview.missingLate', { missing: stats.missing, late: stats.late })}
            </p>
          </div>
        )}
      </Card>
      <Card title={t('overview.byRegion')}>
        {regions.length === 0 && stats ? (
          <p className="muted">{t('overview.noChildren')}</p>
        ) : (
          <EChart
            option={option}
            ariaLabel={t('overview.byRegion')}
            height={Math.max(200, regions.length * 28 + 60)}
            testId="chart-completion"
            onClick={(e) => {
              const id = (e.data as { id?: string } | undefined)?.id;
              if (id) onDrill(id);
            }}
          />
        )}
      </Card>
    </div>
  );
}
