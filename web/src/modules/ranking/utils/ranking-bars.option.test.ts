import { describe, expect, it } from 'vitest';
import { rankingBarsOption } from './ranking-bars.option';

type Bars = {
  yAxis: { data: string[] };
  series: { data: { value: number; id: string; itemStyle: { color: string } }[] }[];
};

describe(rankingBarsOption.name, () => {
  const entries = Array.from({ length: 10 }, (_, i) => ({
    id: `o${i}`,
    name: `单位${i}`,
    rank: i + 1,
    score: 90 - i,
  }));

  it('shows the top and bottom N, best first, the bottom group in red', () => {
    const sut = rankingBarsOption([...entries].reverse(), 2, 'S') as Bars;
    expect(sut.yAxis.data).toEqual(['1. 单位0', '2. 单位1', '9. 单位8', '10. 单位9']);
    const colors = sut.series[0]?.data.map((d) => d.itemStyle.color);
    expect(colors).toEqual(['#1a7f37', '#1a7f37', '#cf222e', '#cf222e']);
  });

  it('leaves out unranked organizations and never shows one twice', () => {
    const sut = rankingBarsOption(
      [...entries.slice(0, 3), { id: 'x', name: '无', rank: null, score: null }],
      2,
      'S',
    ) as Bars;
    expect(sut.series[0]?.data.map((d) => d.id)).toEqual(['o0', 'o1', 'o2']);
  });
});
