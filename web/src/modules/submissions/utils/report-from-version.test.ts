import { generateConsistentReport } from '@gongkai/report-model';
import { describe, expect, it } from 'vitest';
import { reportFromVersion } from './report-from-version';

describe(reportFromVersion.name, () => {
  const round = { year: 2023, template: '2021' };
  const org = { name: '某县科学技术局' };

  it('reads a stored canonical report', () => {
    const stored = generateConsistentReport(5, '2021', 2023);
    const sut = reportFromVersion(JSON.parse(JSON.stringify(stored)), round, org);
    expect(sut.problem).toBeNull();
    expect(sut.report.tables.applications?.total?.total).toBe(
      stored.tables.applications?.total?.total,
    );
  });

  it('starts an empty report of the round template when nothing is stored', () => {
    const sut = reportFromVersion(null, round, org);
    expect(sut.report.template).toBe('2021');
    expect(sut.report.organization.name).toBe('某县科学技术局');
    expect(sut.report.tables.applications?.total?.natural).toBeNull();
  });

  it('reports a stored document that is not a canonical report', () => {
    const sut = reportFromVersion({ format: 'nope' }, round, org);
    expect(sut.problem).not.toBeNull();
    expect(sut.report.year).toBe(2023);
  });

  it('names the organization of a stored report without one (a blank template filled offline)', () => {
    const stored = JSON.parse(JSON.stringify(generateConsistentReport(5, '2021', 2023)));
    stored.organization = { name: '', region: null };
    const sut = reportFromVersion(stored, round, org);
    expect(sut.problem).toBeNull();
    expect(sut.report.organization.name).toBe('某县科学技术局');
  });
});
