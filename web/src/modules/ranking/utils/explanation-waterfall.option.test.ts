import { describe, expect, it } from 'vitest';
import { explanationWaterfallOption } from './explanation-waterfall.option';

type Series = { name: string; data: number[] };

describe(explanationWaterfallOption.name, () => {
  const labels = { points: 'P', lost: 'L', total: 'T' };

  it('lifts each step onto the running total and ends with the total', () => {
    const sut = explanationWaterfallOption(
      [
        { label: 'a', points: 10, maxPoints: 15 },
        { label: 'b', points: 20.5, maxPoints: 25 },
        { label: 'c', points: 0, maxPoints: 10 },
      ],
      labels,
    ) as { xAxis: { data: string[] }; series: Series[] };
    expect(sut.xAxis.data).toEqual(['a', 'b', 'c', 'T']);
    const [base, points, lost] = sut.series;
    expect(base?.data).toEqual([0, 10, 30.5, 0]);
    expect(points?.data).toEqual([10, 20.5, 0, 30.5]);
    expect(lost?.data).toEqual([5, 4.5, 10, 0]);
  });

  it('adds up exactly to the score despite floating point', () => {
    const sut = explanationWaterfallOption(
      [
        { label: 'a', points: 0.1, maxPoints: 1 },
        { label: 'b', points: 0.2, maxPoints: 1 },
      ],
      labels,
    ) as { series: Series[] };
    expect(sut.series[1]?.data.at(-1)).toBe(0.3);
  });
});
