import { describe, expect, it } from 'vitest';
import { namedFew } from './named-few';
import {
  parseQueueFilters,
  severityParam,
  sortParam,
  statusParam,
  yesNoParam,
} from './queue-filters';
import { formatShanghaiMinute } from '@gongkai/report-model';

const parse = (query: string) => parseQueueFilters(new URLSearchParams(query));

describe('parseQueueFilters', () => {
  it('defaults to the reports awaiting a decision, by deadline, oldest first', () => {
    expect(parse('')).toEqual({
      tab: 'awaiting',
      statuses: ['SUBMITTED', 'RESUBMITTED'],
      rule: null,
      severity: null,
      late: null,
      incomplete: null,
      within: null,
      sort: 'DEADLINE',
      descending: false,
    });
  });

  it('reads every filter from the URL', () => {
    const f = parse(
      'status=RETURNED&rule=completeness.sections&severity=warning&late=yes&incomplete=no&within=0b7c2d3e-1111-4222-8333-444455556666&sort=waiting&dir=desc',
    );
    expect(f).toEqual({
      tab: 'RETURNED',
      statuses: ['RETURNED'],
      rule: 'completeness.sections',
      severity: 'WARNING',
      late: true,
      incomplete: false,
      within: '0b7c2d3e-1111-4222-8333-444455556666',
      sort: 'WAITING',
      descending: true,
    });
  });

  it('maps all, several statuses and the older flag links', () => {
    expect(parse('status=all').statuses).toEqual([]);
    expect(parse('status=all').tab).toBe('all');
    const several = parse('status=APPROVED,PUBLISHED');
    expect(several.tab).toBe('custom');
    expect(several.statuses).toEqual(['APPROVED', 'PUBLISHED']);
    expect(parse('status=RESUBMITTED,SUBMITTED').tab).toBe('awaiting');
    expect(parse('flag=late').late).toBe(true);
    expect(parse('flag=errors').severity).toBe('ERROR');
    expect(parse('flag=incomplete').incomplete).toBe(true);
  });

  it('falls back to defaults on values it does not know', () => {
    const f = parse('status=BOGUS&rule=x;drop&severity=fatal&late=maybe&within=abc&sort=name');
    expect(f.statuses).toEqual(['SUBMITTED', 'RESUBMITTED']);
    expect(f.rule).toBeNull();
    expect(f.severity).toBeNull();
    expect(f.late).toBeNull();
    expect(f.within).toBeNull();
    expect(f.sort).toBe('DEADLINE');
  });

  it('writes back what it reads', () => {
    for (const tab of ['awaiting', 'all', 'RETURNED', 'NOT_STARTED'] as const) {
      const value = statusParam(tab);
      expect(parse(value ? `status=${value}` : '').tab).toBe(tab);
    }
    expect(parse(`severity=${severityParam('INFO')}`).severity).toBe('INFO');
    expect(parse(`sort=${sortParam('FINDINGS')}`).sort).toBe('FINDINGS');
    expect(sortParam('DEADLINE')).toBeNull();
    expect(parse(`late=${yesNoParam(false)}`).late).toBe(false);
    expect(yesNoParam(null)).toBeNull();
  });
});

describe('formatShanghaiMinute', () => {
  it('formats an instant in Asia/Shanghai to the minute', () => {
    expect(formatShanghaiMinute('2026-01-26T06:33:59Z')).toBe('2026-01-26 14:33');
    expect(formatShanghaiMinute('2026-01-31T16:00:00Z')).toBe('2026-02-01 00:00');
    expect(formatShanghaiMinute(new Date('2025-12-31T15:59:00Z'))).toBe('2025-12-31 23:59');
  });
});

describe('namedFew', () => {
  it('names the first three and counts them all', () => {
    expect(namedFew(['甲局', '乙局', '丙局', '丁局', '戊局'])).toEqual({
      names: '甲局、乙局、丙局',
      count: 5,
      more: true,
    });
    expect(namedFew(['甲局', '乙局'])).toEqual({ names: '甲局、乙局', count: 2, more: false });
  });
});
