import type { ChartOption } from '../../../ui/charts/echarts';
import { axisTooltip } from '../../../ui/charts/tooltip';

export type RankedScore = { id: string; name: string; rank: number | null; score: number | null };

/**
 * Horizontal bars of the top N and bottom N scores (best at the top), the bottom group in red,
 * so a supervisor sees both ends of the ranking at once.
 */
export function rankingBarsOption(
  entries: readonly RankedScore[],
  n: number,
  scoreLabel: string,
): ChartOption {
  const ranked = entries
    .filter((e): e is RankedScore & { score: number } => e.score !== null && e.rank !== null)
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0) || a.name.localeCompare(b.name));
  const top = ranked.slice(0, n);
  const bottom = ranked.length > 2 * n ? ranked.slice(-n) : ranked.slice(top.length);
  const shown = [...top, ...bottom];
  const topIds = new Set(top.map((e) => e.id));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: axisTooltip() },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: scoreLabel, max: 100 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: shown.map((e) => `${e.rank}. ${e.name}`),
    },
    series: [
      {
        type: 'bar',
        name: scoreLabel,
        label: { show: true, position: 'right' },
        data: shown.map((e) => ({
          value: e.score,
          id: e.id,
          itemStyle: { color: topIds.has(e.id) ? '#1a7f37' : '#cf222e' },
        })),
      },
    ],
  };
}
