import type { ChartOption } from '../../../ui/charts/echarts';
import { axisTooltip } from '../../../ui/charts/tooltip';

export type RegionCompletion = {
  id: string;
  name: string;
  expected: number;
  submitted: number;
  approved: number;
};

export const COMPLETION_COLORS = { approved: '#1a7f37', submitted: '#0969da', missing: '#d0d7de' };

/**
 * Stacked horizontal bars per sub-region: approved, submitted but not approved, and not yet
 * submitted, lowest submission rate first (where the reviewer should look).
 */
export function completionByRegionOption(
  regions: readonly RegionCompletion[],
  labels: { approved: string; submittedOnly: string; missing: string },
): ChartOption {
  const sorted = [...regions].sort(
    (a, b) =>
      a.submitted / Math.max(1, a.expected) - b.submitted / Math.max(1, b.expected) ||
      a.name.localeCompare(b.name),
  );
  const ids = sorted.map((r) => r.id);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: axisTooltip() },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: sorted.map((r) => r.name) },
    series: [
      {
        type: 'bar',
        stack: 'all',
        name: labels.approved,
        itemStyle: { color: COMPLETION_COLORS.approved },
        data: sorted.map((r, i) => ({ value: r.approved, id: ids[i] })),
      },
      {
        type: 'bar',
        stack: 'all',
        name: labels.submittedOnly,
        itemStyle: { color: COMPLETION_COLORS.submitted },
        data: sorted.map((r, i) => ({ value: Math.max(0, r.submitted - r.approved), id: ids[i] })),
      },
      {
        type: 'bar',
        stack: 'all',
        name: labels.missing,
        itemStyle: { color: COMPLETION_COLORS.missing },
        data: sorted.map((r, i) => ({ value: Math.max(0, r.expected - r.submitted), id: ids[i] })),
      },
    ],
  };
}
