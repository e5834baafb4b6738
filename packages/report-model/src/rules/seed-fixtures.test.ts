import seed002 from '../__fixtures__/seed-002-legacy-fujian-2016.json';
import seed004 from '../__fixtures__/seed-004-2019.json';
import { parseReport } from '../report/report.schema';
import { check } from './check';

function parsed(input: unknown) {
  const result = parseReport(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.report;
}

describe(check.name, () => {
  it('returns the blank 上级转交数 cell and the part-time staffing for seed 002 (legacy-fujian 2016)', () => {
    const sut = check(parsed(seed002));
    expect(sut.findings).toEqual([
      expect.objectContaining({
        rule: 'completeness.blankCells',
        severity: 'warning',
        cells: ['legacyStats.applicationsReferred.cumulative'],
        actual: 1,
      }),
      expect.objectContaining({
        rule: 'staffing.noDedicatedStaff',
        severity: 'warning',
        cells: ['staffing.dedicatedStaff'],
      }),
    ]);
    expect(sut.summary).toMatchObject({
      template: 'legacy-fujian',
      counts: { error: 0, warning: 2, info: 0, total: 2 },
      cells: { expected: 34, filled: 33, blank: 1 },
      cellsChecked: 33,
      crossYear: 'skipped',
    });
  });

  it('does not evaluate the channel sum of the cumulative column of seed 002, whose 上级转交数 is blank', () => {
    const sut = check(parsed(seed002), { groups: ['tables'] });
    expect(sut.findings).toEqual([]);
  });

  it('returns only the missing section six for seed 004 (2019 template)', () => {
    const sut = check(parsed(seed004));
    expect(sut.findings).toEqual([
      {
        rule: 'completeness.sections',
        severity: 'error',
        cells: ['sections.other'],
        message: '缺少“六、其他需要报告的事项”部分',
        messageEn: 'Section "6. Other matters" is missing',
      },
    ]);
    expect(sut.summary).toMatchObject({
      cells: { expected: 198, filled: 198, blank: 0 },
      sections: { required: 6, present: 5 },
      completeness: 99.5,
    });
  });

  it('reports the prose of seed 002 against its table when the table is changed', () => {
    const report = parsed(seed002);
    const legacy = report.tables.legacyStats;
    const changed = {
      ...report,
      facts: {},
      tables: { legacyStats: { ...legacy, proactiveTotal: { year: 10, cumulative: 119 } } },
    };
    const sut = check(changed, { groups: ['text'] });
    expect(sut.findings).toEqual([
      expect.objectContaining({ rule: 'text.matchesTable', expected: 10, actual: 9 }),
    ]);
  });
});
