import type { ChartOption } from '../../../ui/charts/echarts';
import { axisTooltip } from '../../../ui/charts/tooltip';

export type PostVacancies = {
  postKey: string;
  label: string;
  required: number;
  vacant: number;
};

export const VACANCY_COLORS = { filled: '#1a7f37', vacant: '#cf222e' };

/**
 * Stacked horizontal bars per required post: bodies with the post filled and with it vacant,
 * most vacancies first.
 */
export function vacanciesByPostOption(
  posts: readonly PostVacancies[],
  labels: { filled: string; vacant: string },
): ChartOption {
  const sorted = [...posts].sort(
    (a, b) => b.vacant - a.vacant || a.postKey.localeCompare(b.postKey),
  );
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: axisTooltip() },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: sorted.map((p) => p.label) },
    series: [
      {
        type: 'bar',
        stack: 'all',
        name: labels.vacant,
        itemStyle: { color: VACANCY_COLORS.vacant },
        data: sorted.map((p) => ({ value: p.vacant, id: p.postKey })),
      },
      {
        type: 'bar',
        stack: 'all',
        name: labels.filled,
        itemStyle: { color: VACANCY_COLORS.filled },
        data: sorted.map((p) => ({ value: Math.max(0, p.required - p.vacant), id: p.postKey })),
      },
    ],
  };
}
