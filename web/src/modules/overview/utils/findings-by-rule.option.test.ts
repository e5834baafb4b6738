import { describe, expect, it } from 'vitest';
import { findingsByRuleOption } from './findings-by-rule.option';

type Option = {
  yAxis: { data: string[] };
  series: {
    data: { value: number; ruleId: string; severity: string; itemStyle: { color: string } }[];
  }[];
};

describe(findingsByRuleOption.name, () => {
  const rules = [
    { ruleId: 'staffing.noStaff', severity: 'warning', findings: 2, label: '无专人' },
    { ruleId: 'applications.balance', severity: 'error', findings: 5, label: '平衡' },
    { ruleId: 'facts.prose', severity: 'info', findings: 2, label: '文字' },
  ];

  it('lists the most frequent rules first, ties by rule id, at most n', () => {
    const sut = findingsByRuleOption(rules, 2, 'Findings') as Option;
    expect(sut.yAxis.data).toEqual(['applications.balance', 'facts.prose']);
    expect(sut.series[0]!.data.map((d) => d.value)).toEqual([5, 2]);
  });

  it('colours by severity and keeps the rule and severity for the click', () => {
    const sut = findingsByRuleOption(rules, 10, 'Findings') as Option;
    const [balance, prose, staff] = sut.series[0]!.data;
    expect(balance).toMatchObject({ ruleId: 'applications.balance', severity: 'error' });
    expect(balance!.itemStyle.color).toBe('#cf222e');
    expect(prose!.itemStyle.color).toBe('#0969da');
    expect(staff!.itemStyle.color).toBe('#bf8700');
  });
});
