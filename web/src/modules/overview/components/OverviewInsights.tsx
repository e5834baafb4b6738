import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../../app/i18n';
import { Card } from '../../../ui/Card';
import { EChart } from '../../../ui/charts/EChart';
import { rankingBarsOption } from '../../ranking/utils/ranking-bars.option';
import { useFindingsByRule } from '../hooks/useFindingsByRule';
import { useFlagMatrix } from '../hooks/useFlagMatrix';
import { useRankingEnds } from '../hooks/useRankingEnds';
import { useRoundTrend } from '../hooks/useRoundTrend';
import { localeLang } from '../../submission-form/utils/locale-lang';
import { ruleName } from '../../submission-form/utils/rule-name';
import { findingsByRuleOption } from '../utils/findings-by-rule.option';
import { flagHeatmapOption } from '../utils/flag-heatmap.option';
import { roundTrendOption } from '../utils/round-trend.option';

type Props = { roundId: string | undefined; nodeId: string };

const RANKING_ENDS = 5;
const RULES_SHOWN = 10;

/**
 * The overview's charts for a round and region: the two ends of the ranking, the gap heat-map,
 * findings by rule and the trend over years. Every chart opens the list behind it.
 */
export function OverviewInsights({ roundId, nodeId }: Props) {
  const i18n = useI18n();
  const { t, locale, errorText } = i18n;
  const navigate = useNavigate();
  const ranking = useRankingEnds(roundId, nodeId);
  const matrix = useFlagMatrix(roundId, nodeId);
  const findings = useFindingsByRule(roundId, nodeId);
  const [withScores, setWithScores] = useState(false);
  const trend = useRoundTrend(nodeId, withScores);

  const rankingOption = useMemo(
    () => rankingBarsOption(ranking.entries, RANKING_ENDS, t('overview.score')),
    [ranking.entries, t],
  );
  const shownRanked = Math.min(
    2 * RANKING_ENDS,
    ranking.entries.filter((e) => e.score !== null && e.rank !== null).length,
  );
  const heatmap = useMemo(() => {
    const m = matrix.matrix;
    if (!m) return null;
    return flagHeatmapOption(
      m.flagTypes.map((f) => ({
        flagId: f.flagId,
        label: locale === 'en' ? f.labelEn : f.labelZh,
        severity: f.severity,
      })),
      m.rows,
      { high: t('overview.heatmapHigh'), low: t('overview.heatmapLow') },
    );
  }, [matrix.matrix, locale, t]);
  const rules = useMemo(() => findings.findings?.rules ?? [], [findings.findings]);
  const rulesOption = useMemo(
    () =>
      findingsByRuleOption(
        rules.map((r) => ({ ruleId: r.ruleId, severity: r.severity, findings: r.findings })),
        RULES_SHOWN,
        t('overview.findings'),
        localeLang(locale),
        (ruleId) => ruleName(ruleId, localeLang(locale), i18n),
      ),
    [rules, locale, t, i18n],
  );
  const trendOption = useMemo(
    () =>
      roundTrendOption(trend.points, {
        submitted: t('overview.submittedRate'),
        onTime: t('overview.onTimeRate'),
        approved: t('overview.approvedRate'),
        score: t('overview.averageScore'),
      }),
    [trend.points, t],
  );
  // (every body, as the overview counts them: the ranking page alone ranks one peer group)
  const rankingUrl = (extra: Record<string, string>) =>
    `/ranking?${new URLSearchParams({ round: roundId ?? '', region: nodeId, peer: 'all', ...extra })}`;
  const status = (state: { loading: boolean; error?: { message: string } | undefined }) =>
    state.error ? (
      <p role="alert">{errorText(state.error)}</p>
    ) : state.loading ? (
      <p>{t('common.loading')}</p>
    ) : null;

  return (
    <div className="page-grid overview-insights">
      <Card title={t('overview.rankingEnds', { n: RANKING_ENDS })}>
        {status(ranking) ??
          (shownRanked === 0 ? (
            <p className="muted">{t('overview.noScores')}</p>
          ) : (
            <EChart
              option={rankingOption}
              ariaLabel={t('overview.rankingEnds', { n: RANKING_ENDS })}
              height={Math.max(200, shownRanked * 26 + 40)}
              testId="chart-ranking"
              onClick={(e) => {
                const id = (e.data as { id?: string } | undefined)?.id;
                if (id) navigate(`/organizations/${id}?round=${roundId ?? ''}`);
              }}
            />
          ))}
      </Card>
      <Card title={t('overview.gapHeatmap')}>
        {status(matrix) ??
          (!matrix.matrix || matrix.matrix.rows.length === 0 ? (
            <p className="muted">{t('overview.noFlags')}</p>
          ) : (
            <>
              <EChart
                option={heatmap ?? {}}
                ariaLabel={t('overview.gapHeatmap')}
                height={Math.max(240, matrix.matrix.rows.length * 24 + 130)}
                testId="chart-heatmap"
                onClick={(e) => {
                  const flagId = (e.data as { flagId?: string } | undefined)?.flagId;
                  if (flagId) navigate(rankingUrl({ flag: flagId }));
                }}
              />
              <p className="muted">
                {t('overview.worstOf', {
                  shown: matrix.matrix.rows.length,
                  flagged: matrix.matrix.flaggedCount,
                })}
              </p>
            </>
          ))}
      </Card>
      <Card title={t('overview.findingsByRule')}>
        {status(findings) ??
          (rules.length === 0 ? (
            <p className="muted">{t('overview.noFindings')}</p>
          ) : (
            <EChart
              option={rulesOption}
              ariaLabel={t('overview.findingsByRule')}
              height={Math.max(200, Math.min(rules.length, RULES_SHOWN) * 26 + 60)}
              testId="chart-findings"
              onClick={(e) => {
                const rule = (e.data as { ruleId?: string } | undefined)?.ruleId;
                navigate(
                  `/review?round=${roundId ?? ''}&status=all${rule ? `&rule=${encodeURIComponent(rule)}` : ''}`,
                );
              }}
            />
          ))}
      </Card>
      <Card
        title={t('overview.trend')}
        actions={
          <label className="inline-field">
            <input
              type="checkbox"
              checked={withScores}
              onChange={(e) => setWithScores(e.target.checked)}
            />
            {t('overview.withScores')}
          </label>
        }
      >
        {status(trend) ??
          (trend.points.length === 0 ? (
            <p className="muted">{t('overview.noTrend')}</p>
          ) : (
            <EChart
              option={trendOption}
              ariaLabel={t('overview.trend')}
              height={280}
              testId="chart-trend"
              onClick={(e) => {
                const id = (e.data as { roundId?: string } | undefined)?.roundId;
                if (id) navigate(`/review?round=${id}&status=all`);
              }}
            />
          ))}
      </Card>
    </div>
  );
}
