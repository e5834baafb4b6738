import { describe, expect, it } from 'vitest';
import { tableSizesOption } from './table-sizes.option';

describe(tableSizesOption.name, () => {
  it('orders tables by rows, largest first, ties by name', () => {
    const sut = tableSizesOption(
      [
        { name: 'b', rows: 2 },
        { name: 'a', rows: 2 },
        { name: 'c', rows: 9 },
      ],
      'Rows',
    ) as { yAxis: { data: string[] }; series: { data: number[] }[] };
    expect(sut.yAxis.data).toEqual(['c', 'a', 'b']);
    expect(sut.series[0]?.data).toEqual([9, 2, 2]);
  });
});
