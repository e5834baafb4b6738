import { describe, expect, it } from 'vitest';
import { longestVacanciesOption } from './longest-vacancies.option';
import { vacanciesByPostOption } from './vacancies-by-post.option';

type Bars = {
  yAxis: { data: string[] };
  series: { name: string; data: { value: number; id: string }[] }[];
};

describe(vacanciesByPostOption.name, () => {
  it('stacks vacant and filled per post, most vacancies first', () => {
    const sut = vacanciesByPostOption(
      [
        { postKey: 'liaison', label: '信息员', required: 10, vacant: 1 },
        { postKey: 'dedicatedStaff', label: '专职工作人员', required: 10, vacant: 4 },
      ],
      { filled: 'F', vacant: 'V' },
    ) as Bars;
    expect(sut.yAxis.data).toEqual(['专职工作人员', '信息员']);
    expect(sut.series.map((s) => s.name)).toEqual(['V', 'F']);
    expect(sut.series.map((s) => s.data.map((d) => d.value))).toEqual([
      [4, 1],
      [6, 9],
    ]);
  });

  it('never draws a negative filled segment', () => {
    const sut = vacanciesByPostOption([{ postKey: 'x', label: 'x', required: 1, vacant: 3 }], {
      filled: 'F',
      vacant: 'V',
    }) as Bars;
    expect(sut.series[1]?.data[0]?.value).toBe(0);
  });
});

describe(longestVacanciesOption.name, () => {
  it('draws the longest known vacancies, longest first, up to the limit', () => {
    const sut = longestVacanciesOption(
      [
        { organizationId: 'a', organizationName: '甲局', postLabel: '信息员', daysVacant: 12 },
        { organizationId: 'b', organizationName: '乙局', postLabel: '专职', daysVacant: null },
        { organizationId: 'c', organizationName: '丙局', postLabel: '专职', daysVacant: 300 },
        { organizationId: 'd', organizationName: '丁局', postLabel: '专职', daysVacant: 40 },
      ],
      { days: '天' },
      2,
    ) as Bars;
    expect(sut.yAxis.data).toEqual(['丙局 · 专职', '丁局 · 专职']);
    expect(sut.series[0]?.data.map((d) => [d.id, d.value])).toEqual([
      ['c', 300],
      ['d', 40],
    ]);
  });
});
