import type { ChartOption } from '../../../ui/charts/echarts';
import { axisTooltip } from '../../../ui/charts/tooltip';

export type YearFigures = {
  year: number;
  completeness: number;
  errors: number;
  warnings: number;
};

/** Findings per year (bars) and completeness (line, right axis), oldest year first. */
export function historyOption(
  years: readonly YearFigures[],
  labels: { errors: string; warnings: string; completeness: string },
): ChartOption {
  const sorted = [...years].sort((a, b) => a.year - b.year);
  return {
    tooltip: { trigger: 'axis', formatter: axisTooltip() },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: sorted.map((y) => String(y.year)) },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      {
        type: 'bar',
        name: labels.errors,
        stack: 'f',
        itemStyle: { color: '#cf222e' },
        data: sorted.map((y) => y.errors),
      },
      {
        type: 'bar',
        name: labels.warnings,
        stack: 'f',
        itemStyle: { color: '#bf8700' },
        data: sorted.map((y) => y.warnings),
      },
      {
        type: 'line',
        name: labels.completeness,
        yAxisIndex: 1,
        itemStyle: { color: '#0969da' },
        data: sorted.map((y) => y.completeness),
      },
    ],
  };
}
