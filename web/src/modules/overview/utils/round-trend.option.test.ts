import { describe, expect, it } from 'vitest';
import { roundTrendOption } from './round-trend.option';

type Option = {
  xAxis: { data: string[] };
  series: { name: string; data: { value: number | null; roundId: string }[] }[];
};

describe(roundTrendOption.name, () => {
  const labels = { submitted: 'S', onTime: 'T', approved: 'A', score: 'Score' };
  const point = (year: number, averageScore: number | null) => ({
    roundId: `r${year}`,
    year,
    submittedRate: 90,
    onTimeRate: 80,
    approvedRate: 50,
    averageScore,
  });

  it('orders the years and adds the score line only when there are scores', () => {
    const sut = roundTrendOption([point(2023, 71.5), point(2022, null)], labels) as Option;
    expect(sut.xAxis.data).toEqual(['2022', '2023']);
    expect(sut.series.map((s) => s.name)).toEqual(['S', 'T', 'A', 'Score']);
    expect(sut.series[3]!.data.map((d) => d.value)).toEqual([null, 71.5]);
    expect(sut.series[0]!.data[1]!.roundId).toBe('r2023');
  });

  it('draws only the rates when no year is scored', () => {
    const sut = roundTrendOption([point(2021, null)], labels) as Option;
    expect(sut.series.map((s) => s.name)).toEqual(['S', 'T', 'A']);
  });
});
