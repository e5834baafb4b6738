import { INDICATOR_IDS } from '@gongkai/scoring';
import { describe, expect, it } from 'vitest';
import { formatIndicatorValue, INDICATOR_VALUE_KINDS } from './indicator-value';

const zh = {
  formatNumber: (value: number, options?: Intl.NumberFormatOptions) =>
    new Intl.NumberFormat('zh-CN', options).format(value),
  unit: (kind: string, count: string) =>
    ({
      cases: `${count} 件`,
      problems: `${count} 个问题`,
      deductions: `${count} 处`,
      days: `${count} 天`,
    })[kind] ?? count,
};

describe(formatIndicatorValue.name, () => {
  it.each([
    ['applicationsGranted', 0.09, '9%'],
    ['applicationsBacklog', 0.125, '12.5%'],
    ['originality', 1, '100%'],
    ['staffing', 0.6667, '66.7%'],
    ['correctedDecisions', 1, '1 件'],
    ['correctedDecisions', 0, '0 件'],
    ['timeliness', 12, '12 天'],
    ['arithmetic', 2.5, '2.5 个问题'],
    ['textAgreement', 3, '3 个问题'],
    ['completeness', 4, '4 处'],
    ['somethingNew', 0.123456, '0.12'],
  ])('reads %s = %s as %s', (indicatorId, raw, expected) => {
    expect(formatIndicatorValue(indicatorId, raw, zh)).toBe(expected);
  });

  it('never prints a share as a bare fraction or a unit word after a number', () => {
    for (const id of INDICATOR_IDS) {
      const text = formatIndicatorValue(id, 0.09, zh);
      expect(text).not.toMatch(/^0\.09/);
      expect(text).not.toMatch(/占比|最高相似度|得分率/);
    }
  });

  it('knows every indicator of the scoring package', () => {
    expect(Object.keys(INDICATOR_VALUE_KINDS).sort()).toEqual([...INDICATOR_IDS].sort());
  });
});
