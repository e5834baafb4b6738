import { describe, expect, it } from 'vitest';
import { flagHeatmapOption } from './flag-heatmap.option';

type Cell = { value: [number, number, number]; organizationId: string; flagId: string };
type Option = {
  xAxis: { data: string[] };
  yAxis: { data: string[] };
  visualMap: { max: number; text?: string[] };
  series: { data: Cell[] }[];
};

describe(flagHeatmapOption.name, () => {
  const types = [
    { flagId: 'timeliness.notSubmitted', label: '逾期未报', severity: 'error' },
    { flagId: 'timeliness.late', label: '逾期报送', severity: 'warning' },
  ];

  it('places one cell per non-zero count, rows in the given (worst-first) order', () => {
    const sut = flagHeatmapOption(types, [
      { organizationId: 'a', organizationName: '测试市财政局', counts: [1, 0] },
      { organizationId: 'b', organizationName: '甲县教育局', counts: [0, 2] },
    ]) as Option;
    expect(sut.xAxis.data).toEqual(['逾期未报', '逾期报送']);
    expect(sut.yAxis.data).toEqual(['测试市财政局', '甲县教育局']);
    expect(sut.series[0]!.data).toEqual([
      { value: [0, 0, 1], organizationId: 'a', flagId: 'timeliness.notSubmitted' },
      { value: [1, 1, 2], organizationId: 'b', flagId: 'timeliness.late' },
    ]);
    expect(sut.visualMap.max).toBe(2);
  });

  it('shortens long names and keeps a positive scale when nothing is flagged', () => {
    const sut = flagHeatmapOption(types, [
      { organizationId: 'c', organizationName: '某某省某某市某某区人民政府办公室', counts: [0, 0] },
    ]) as Option;
    expect(sut.yAxis.data[0]).toHaveLength(12);
    expect(sut.yAxis.data[0]!.endsWith('…')).toBe(true);
    expect(sut.series[0]!.data).toEqual([]);
    expect(sut.visualMap.max).toBe(1);
  });

  it('says what the ends of the colour scale mean', () => {
    const rows = [{ organizationId: 'a', organizationName: '甲县教育局', counts: [3, 1] }];
    const sut = flagHeatmapOption(types, rows, { high: '每格问题数：多', low: '少' }) as Option;
    expect(sut.visualMap.text).toEqual(['每格问题数：多', '少']);
    expect((flagHeatmapOption(types, rows) as Option).visualMap.text).toBeUndefined();
  });
});
