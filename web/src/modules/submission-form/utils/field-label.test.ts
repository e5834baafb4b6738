import { RULE_CATALOGUE } from '@gongkai/report-model';
import { describe, expect, it } from 'vitest';
import type { MessageKey } from '../../../app/i18n';
import { en } from '../../../app/messages.en';
import { zhCN } from '../../../app/messages.zh-CN';
import { fieldLabel } from './field-label';
import { ruleName } from './rule-name';

const translate = (catalogue: Record<string, string>) => ({
  t: (key: MessageKey) => catalogue[key] ?? key,
  has: (key: string): key is MessageKey => Object.hasOwn(catalogue, key),
});
const zh = translate(zhCN);
const IDENTIFIER = /\b[a-z]+[A-Z]?\w*\.[a-z]\w*\b/;

describe(fieldLabel.name, () => {
  it('names the parts of a report that findings point at in Chinese', () => {
    expect(fieldLabel('sections', 'zh', zh)).toBe('报告正文');
    expect(fieldLabel('template', 'zh', zh)).toBe('模板版本');
    expect(fieldLabel('staffing.dedicatedStaff', 'zh', zh)).toBe('专职工作人员（人）');
    expect(fieldLabel('applications.newReceived.total', 'zh', zh)).toContain('本年新收');
    expect(fieldLabel('sections.overview', 'zh', zh)).not.toMatch(IDENTIFIER);
  });

  it('names the other parts a version difference can list', () => {
    expect(fieldLabel('facts.proactiveItems', 'zh', zh)).toBe('正文所述：主动公开信息条数');
    expect(fieldLabel('organization.region', 'zh', zh)).toBe('所在地区');
    expect(fieldLabel('publishedOn', 'zh', zh)).toBe('发布日期');
    expect(fieldLabel('staffing.trainings', 'zh', zh)).toBe('业务培训（次）');
  });

  it('never shows an unknown path', () => {
    expect(fieldLabel('provenance.lines', 'zh', zh)).toBe(zhCN['field.other']);
  });
});

describe(ruleName.name, () => {
  it('has a short name for every rule of the catalogue in both languages', () => {
    for (const rule of RULE_CATALOGUE) {
      expect(Object.hasOwn(zhCN, `rule.name.${rule.id}`)).toBe(true);
      expect(Object.hasOwn(en, `rule.name.${rule.id}`)).toBe(true);
      expect(ruleName(rule.id, 'zh', zh)).not.toMatch(IDENTIFIER);
    }
  });
});
