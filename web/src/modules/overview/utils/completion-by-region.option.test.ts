import { describe, expect, it } from 'vitest';
import { completionByRegionOption } from './completion-by-region.option';

type Series = { name: string; data: { value: number; id: string }[] };

describe(completionByRegionOption.name, () => {
  const labels = { approved: 'A', submittedOnly: 'S', missing: 'M' };

  it('stacks approved, submitted-only and missing, lowest submission rate first', () => {
    const sut = completionByRegionOption(
      [
        { id: 'x', name: '甲县', expected: 10, submitted: 10, approved: 4 },
        { id: 'y', name: '乙县', expected: 20, submitted: 5, approved: 5 },
      ],
      labels,
    ) as { yAxis: { data: string[] }; series: Series[] };
    expect(sut.yAxis.data).toEqual(['乙县', '甲县']);
    expect(sut.series.map((s) => s.name)).toEqual(['A', 'S', 'M']);
    expect(sut.series.map((s) => s.data[0]?.value)).toEqual([5, 0, 15]);
    expect(sut.series.map((s) => s.data[1]?.value)).toEqual([4, 6, 0]);
    expect(sut.series[0]?.data[0]?.id).toBe('y');
  });

  it('never draws negative segments when counts are inconsistent', () => {
    const sut = completionByRegionOption(
      [{ id: 'z', name: '丙', expected: 1, submitted: 3, approved: 4 }],
      labels,
    ) as { series: Series[] };
    expect(sut.series.every((s) => s.data.every((d) => d.value >= 0))).toBe(true);
  });
});
