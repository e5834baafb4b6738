import { parseReport } from '@gongkai/report-model';
import { describe, expect, it } from 'vitest';
import { reportFromVersion } from './report-from-version';

const round = { year: 2026, template: '2021' };
// What the API hands the page: more than a report may hold.
const organization = {
  __typename: 'Organization',
  id: 'a5f0a4a8-0000-4000-8000-000000000001',
  kind: '教育局',
  name: '某区教育局',
  region: '某市某区',
};

describe(reportFromVersion.name, () => {
  it('starts a submission with nothing saved from an empty report the schema accepts', () => {
    const { report, problem } = reportFromVersion(null, round, organization);
    expect(problem).toBeNull();
    expect(report.organization).toEqual({ name: '某区教育局', region: '某市某区' });
    expect(parseReport(JSON.parse(JSON.stringify(report))).ok).toBe(true);
  });

  it('gives a stored report without a name the organization’s name and region only', () => {
    const stored = JSON.parse(JSON.stringify(reportFromVersion(null, round, organization).report));
    stored.organization = { name: '', region: null };
    const { report, problem } = reportFromVersion(stored, round, organization);
    expect(problem).toBeNull();
    expect(report.organization).toEqual({ name: '某区教育局', region: '某市某区' });
  });
});
