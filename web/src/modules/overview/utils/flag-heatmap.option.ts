import type { ChartOption } from '../../../ui/charts/echarts';
import { html, tooltipFormatter } from '../../../ui/charts/tooltip';

export type HeatmapFlagType = { flagId: string; label: string; severity: string };
export type HeatmapRow = {
  organizationId: string;
  organizationName: string;
  counts: readonly number[];
};

/** Longest organization label before it is cut with an ellipsis (the tooltip has the full name). */
const NAME_WIDTH = 12;

const shorten = (name: string): string =>
  name.length > NAME_WIDTH ? `${name.slice(0, NAME_WIDTH - 1)}…` : name;

/**
 * Organizations (rows, worst first, as the server orders them) × flag types (columns): each cell
 * the number of such flags. Empty cells are left out so only gaps are coloured; every cell
 * carries the organization and flag ids for a click into the list behind it.
 */
export function flagHeatmapOption(
  types: readonly HeatmapFlagType[],
  rows: readonly HeatmapRow[],
  /** What the colour scale's ends mean ("many flags" / "one flag"). */
  legend?: { readonly high: string; readonly low: string },
): ChartOption {
  const data: { value: [number, number, number]; organizationId: string; flagId: string }[] = [];
  rows.forEach((row, y) => {
    types.forEach((type, x) => {
      const n = row.counts[x] ?? 0;
      if (n > 0)
        data.push({ value: [x, y, n], organizationId: row.organizationId, flagId: type.flagId });
    });
  });
  const max = Math.max(1, ...data.map((d) => d.value[2]));
  return {
    tooltip: {
      position: 'top',
      formatter: tooltipFormatter((p: { data?: { value: [number, number, number] } }) => {
        const v = p.data?.value;
        if (!v) return '';
        return html`${rows[v[1]]?.organizationName ?? ''}<br />${types[v[0]]?.label ?? ''}: ${v[2]}`;
      }),
    },
    grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
    xAxis: {
      type: 'category',
      data: types.map((t) => t.label),
      splitArea: { show: true },
      axisLabel: { interval: 0, rotate: types.length > 4 ? 30 : 0, fontSize: 11 },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => shorten(r.organizationName)),
      splitArea: { show: true },
      axisLabel: { interval: 0, fontSize: 11 },
    },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      ...(legend ? { text: [legend.high, legend.low] } : {}),
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 80,
      inRange: { color: ['#fde2c4', '#f08c3a', '#cf222e'] },
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: { show: true },
        emphasis: { itemStyle: { shadowBlur: 6, shadowColor: 'rgba(0,0,0,0.4)' } },
      },
    ],
  };
}
