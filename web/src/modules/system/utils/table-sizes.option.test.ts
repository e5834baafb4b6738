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

  it("labels the bars by the readers' names, a shared label told apart by the table", () => {
    const names: Record<string, string> = { audit_events: '操作记录', rounds: '报送轮次' };
    const sut = tableSizesOption(
      [
        { name: 'audit_events', rows: 9 },
        { name: 'rounds', rows: 3 },
        { name: 'x_new', rows: 2 },
        { name: 'y_new', rows: 1 },
      ],
      '行数',
      (name) => names[name] ?? '其他数据表',
    ) as { yAxis: { data: string[] } };
    expect(sut.yAxis.data).toEqual([
      '操作记录',
      '报送轮次',
      '其他数据表（x_new）',
      '其他数据表（y_new）',
    ]);
  });
});
