import { RULE_CATALOGUE } from '@gongkai/report-model';
import { describe, expect, it } from 'vitest';
import { findingsByRuleOption } from './findings-by-rule.option';

type Option = {
  tooltip: { formatter: (p: { dataIndex: number }) => string };
  yAxis: { data: string[]; axisLabel: { width: number; overflow: string } };
  series: {
    data: { value: number; ruleId: string; severity: string; itemStyle: { color: string } }[];
  }[];
};

const wording = (id: string) => RULE_CATALOGUE.find((r) => r.id === id)!.description;

describe(findingsByRuleOption.name, () => {
  const rules = [
    { ruleId: 'staffing.noTraining', severity: 'warning', findings: 2 },
    { ruleId: 'applications.balance', severity: 'error', findings: 5 },
    { ruleId: 'text.wrongYear', severity: 'info', findings: 2 },
  ];

  it('lists the most frequent rules first, ties by rule id, at most n', () => {
    const sut = findingsByRuleOption(rules, 2, 'Findings', 'zh') as Option;
    expect(sut.series[0]!.data.map((d) => d.ruleId)).toEqual([
      'applications.balance',
      'staffing.noTraining',
    ]);
    expect(sut.series[0]!.data.map((d) => d.value)).toEqual([5, 2]);
  });

  it.each(['zh', 'en'] as const)(
    'labels the bars with the catalogue wording in %s, cut to a width, not the rule id',
    (lang) => {
      const sut = findingsByRuleOption(rules, 10, 'Findings', lang) as Option;
      expect(sut.yAxis.data).toEqual([
        wording('applications.balance')[lang],
        wording('staffing.noTraining')[lang],
        wording('text.wrongYear')[lang],
      ]);
      expect(sut.yAxis.data).not.toContain('applications.balance');
      expect(sut.yAxis.axisLabel).toMatchObject({ overflow: 'truncate' });
      expect(sut.yAxis.axisLabel.width).toBeGreaterThan(0);
    },
  );

  it('keeps the rule id and the whole wording in the tooltip', () => {
    const sut = findingsByRuleOption(rules, 10, 'Findings', 'en') as Option;
    const tip = sut.tooltip.formatter({ dataIndex: 0 });
    expect(tip).toContain('applications.balance');
    expect(tip).toContain('Findings: 5');
    expect(tip).toContain('newReceived + carriedOver = total');
  });

  it('labels the bars with the short names given, the whole wording in the tooltip', () => {
    const short: Record<string, string> = {
      'applications.balance': '收转平衡',
      'staffing.noTraining': '未开展培训',
      'text.wrongYear': '年份错误',
    };
    const sut = findingsByRuleOption(rules, 10, '问题数', 'zh', (id) => short[id]!) as Option;
    expect(sut.yAxis.data).toEqual(['收转平衡', '未开展培训', '年份错误']);
    const tip = sut.tooltip.formatter({ dataIndex: 0 });
    expect(tip).toContain('<strong>收转平衡</strong>');
    expect(tip).toContain(wording('applications.balance').zh);
    expect(tip).toContain('applications.balance');
    expect(tip).toContain('问题数: 5');
  });

  it('falls back to the id of a rule the catalogue does not know', () => {
    const sut = findingsByRuleOption(
      [{ ruleId: 'server.unknown', severity: 'info', findings: 1 }],
      10,
      'Findings',
      'zh',
    ) as Option;
    expect(sut.yAxis.data).toEqual(['server.unknown']);
  });

  it('colours by severity and keeps the rule and severity for the click', () => {
    const sut = findingsByRuleOption(rules, 10, 'Findings', 'zh') as Option;
    const [balance, staff, prose] = sut.series[0]!.data;
    expect(balance).toMatchObject({ ruleId: 'applications.balance', severity: 'error' });
    expect(balance!.itemStyle.color).toBe('#cf222e');
    expect(prose!.itemStyle.color).toBe('#0969da');
    expect(staff!.itemStyle.color).toBe('#bf8700');
  });
});
