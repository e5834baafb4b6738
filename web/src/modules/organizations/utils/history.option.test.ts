import { describe, expect, it } from 'vitest';
import { historyOption } from './history.option';

describe(historyOption.name, () => {
  it('orders years oldest first and puts completeness on the percent axis', () => {
    const sut = historyOption(
      [
        { year: 2023, completeness: 100, errors: 0, warnings: 2 },
        { year: 2021, completeness: 80, errors: 3, warnings: 1 },
      ],
      { errors: 'E', warnings: 'W', completeness: 'C' },
    ) as {
      xAxis: { data: string[] };
      series: { name: string; data: number[]; yAxisIndex?: number }[];
    };
    expect(sut.xAxis.data).toEqual(['2021', '2023']);
    expect(sut.series.find((s) => s.name === 'E')?.data).toEqual([3, 0]);
    expect(sut.series.find((s) => s.name === 'C')).toMatchObject({
      yAxisIndex: 1,
      data: [80, 100],
    });
  });
});
