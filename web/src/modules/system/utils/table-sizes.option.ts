import type { ChartOption } from '../../../ui/charts/echarts';
import { axisTooltip } from '../../../ui/charts/tooltip';

export type TableRows = { name: string; rows: number };

/** Horizontal bars of rows per table, largest first. */
export function tableSizesOption(tables: readonly TableRows[], rowsLabel: string): ChartOption {
  const sorted = [...tables].sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: axisTooltip() },
    grid: { left: 8, right: 24, top: 8, bottom: 28, containLabel: true },
    xAxis: { type: 'value', name: rowsLabel, nameLocation: 'middle', nameGap: 28, minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: sorted.map((t) => t.name) },
    series: [
      {
        type: 'bar',
        name: rowsLabel,
        data: sorted.map((t) => t.rows),
        itemStyle: { color: '#c23531' },
      },
    ],
  };
}
