import type { AnnualReport } from '../report/annual-report.types';
import { generateConsistentReport, generateYearPair } from '../testing/generate-report';
import { mutableCopy, withCell, withCellDelta } from '../testing/mutable';
import { check } from './check';

// How check() reports: the shape of a finding, blanks, skipped cross-year rules, the order.
// The firing and passing case of every rule is in rules.test.ts.

const R21 = generateConsistentReport(7, '2021', 2023);

function patch(report: AnnualReport, change: (draft: ReturnType<typeof mutableCopy>) => void) {
  const draft = mutableCopy(report);
  change(draft);
  return draft as AnnualReport;
}

describe(check.name, () => {
  it('returns the column total finding with expected, actual and the cells involved', () => {
    const report = withCellDelta(
      withCellDelta(R21, 'applications.granted.natural', -1),
      'applications.granted.total',
      -1,
    );
    const natural = R21.tables.applications?.total?.natural ?? 0;
    const sut = check(withCellDelta(report, 'applications.granted.natural', 0), {
      groups: ['tables'],
    });
    const finding = sut.findings.find(
      (f) => f.rule === 'applications.columnTotal' && f.cells[0] === 'applications.total.natural',
    );
    expect(finding).toMatchObject({
      severity: 'error',
      expected: natural - 1,
      actual: natural,
      message: `（七）总计·自然人为${natural}，但各办理结果之和为${natural - 1}`,
    });
    expect(finding?.cells).toContain('applications.granted.natural');
  });

  it('does not evaluate an identity with a blank cell, and reports the blank once', () => {
    const report = withCell(R21, 'applications.granted.natural', null);
    const sut = check(report);
    expect(sut.findings.map((f) => f.rule)).toEqual(['completeness.blankCells']);
    expect(sut.findings[0]?.cells).toEqual(['applications.granted.natural']);
  });

  it('skips the cross-year rules when the previous report is not of the year before', () => {
    const { previous, current } = generateYearPair(7, '2021', 2023);
    const sut = check(withCellDelta(current, 'applications.carriedOver.natural', 1), {
      previous: patch(previous, (d) => void (d.year = 2020)),
    });
    expect(sut.summary.crossYear).toBe('skipped');
    expect(sut.findings.map((f) => f.rule)).not.toContain('applications.carryOver');
  });

  it('returns findings ordered by severity, then catalogue order, deterministically', () => {
    const report = patch(withCellDelta(R21, 'reviewLitigation.review.upheld', 1), (d) => {
      d.sections.other = null;
      d.staffing = { dedicatedStaff: 0, trainings: 0 };
    });
    const sut = check(report);
    expect(sut.findings.map((f) => f.rule)).toEqual([
      'reviewLitigation.groupTotal',
      'completeness.sections',
      'staffing.noDedicatedStaff',
      'staffing.noTraining',
    ]);
    expect(check(report)).toEqual(sut);
    expect(sut.summary.counts).toEqual({ error: 2, warning: 1, info: 1, total: 4 });
  });
});
