import type { ChartOption } from '../../../ui/charts/echarts';
import { axisTooltip } from '../../../ui/charts/tooltip';

export type TableRows = { name: string; rows: number };

/**
 * Horizontal bars of rows per table, largest first; each bar is labelled by `label(name)` (the
 * table's name for readers), a label shared by two tables taking the name after it.
 */
export function tableSizesOption(
  tables: readonly TableRows[],
  rowsLabel: string,
  label: (name: string) => string = (name) => name,
): ChartOption {
  const sorted = [...tables].sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name));
  const labels = sorted.map((t) => label(t.name));
  const names = labels.map((l, i) =>
    labels.indexOf(l) === labels.lastIndexOf(l) ? l : `${l}（${sorted[i]!.name}）`,
  );
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: axisTooltip() },
    grid: { left: 8, right: 24, top: 8, bottom: 28, containLabel: true },
    xAxis: { type: 'value', name: rowsLabel, nameLocation: 'middle', nameGap: 28, minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: names, axisLabel: { interval: 0 } },
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
