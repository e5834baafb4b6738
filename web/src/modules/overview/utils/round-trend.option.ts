import type { ChartOption } from '../../../ui/charts/echarts';
import { axisTooltip } from '../../../ui/charts/tooltip';

export type TrendPoint = {
  roundId: string;
  year: number;
  submittedRate: number;
  onTimeRate: number;
  approvedRate: number;
  averageScore: number | null;
};

/**
 * Lines over the years: submitted, on time and approved (percent of expected) and, when scored,
 * the average score (0–100, same axis). Each point carries its round id for a click.
 */
export function roundTrendOption(
  points: readonly TrendPoint[],
  labels: { submitted: string; onTime: string; approved: string; score: string },
): ChartOption {
  const sorted = [...points].sort((a, b) => a.year - b.year);
  const line = (name: string, color: string, pick: (p: TrendPoint) => number | null) => ({
    type: 'line',
    name,
    smooth: false,
    symbolSize: 8,
    connectNulls: false,
    itemStyle: { color },
    data: sorted.map((p) => ({ value: pick(p), roundId: p.roundId, year: p.year })),
  });
  const series = [
    line(labels.submitted, '#0969da', (p) => p.submittedRate),
    line(labels.onTime, '#8250df', (p) => p.onTimeRate),
    line(labels.approved, '#1a7f37', (p) => p.approvedRate),
  ];
  if (sorted.some((p) => p.averageScore !== null))
    series.push({
      ...line(labels.score, '#bf8700', (p) => p.averageScore),
      lineStyle: { type: 'dashed' },
    } as (typeof series)[number]);
  return {
    tooltip: { trigger: 'axis', formatter: axisTooltip() },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', boundaryGap: false, data: sorted.map((p) => String(p.year)) },
    yAxis: { type: 'value', min: 0, max: 100 },
    series,
  };
}
