import type { ChartOption } from '../../../ui/charts/echarts';
import { axisTooltip } from '../../../ui/charts/tooltip';

export type Contribution = { label: string; points: number; maxPoints: number };

export const WATERFALL_COLORS = { points: '#1a7f37', lost: '#f0c3c0', base: 'transparent' };

/**
 * A waterfall of a score: each indicator's points stacked on the running total (an invisible
 * base bar lifts each step), points lost against the maximum in a light second segment, and the
 * total as the last bar.
 */
export function explanationWaterfallOption(
  contributions: readonly Contribution[],
  labels: { points: string; lost: string; total: string },
): ChartOption {
  const names = [...contributions.map((c) => c.label), labels.total];
  const base: number[] = [];
  const points: number[] = [];
  const lost: number[] = [];
  let running = 0;
  for (const c of contributions) {
    base.push(round(running));
    points.push(round(c.points));
    lost.push(round(Math.max(0, c.maxPoints - c.points)));
    running += c.points;
  }
  base.push(0);
  points.push(round(running));
  lost.push(0);
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: axisTooltip({ skip: ['base'] }),
    },
    legend: { top: 0, data: [labels.points, labels.lost] },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: names,
      axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value' },
    series: [
      {
        type: 'bar',
        stack: 'w',
        name: 'base',
        silent: true,
        itemStyle: { color: WATERFALL_COLORS.base },
        tooltip: { show: false },
        data: base,
      },
      {
        type: 'bar',
        stack: 'w',
        name: labels.points,
        itemStyle: { color: WATERFALL_COLORS.points },
        label: { show: true, position: 'inside', formatter: '{c}' },
        data: points,
      },
      {
        type: 'bar',
        stack: 'w',
        name: labels.lost,
        itemStyle: { color: WATERFALL_COLORS.lost },
        data: lost,
      },
    ],
  };
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
