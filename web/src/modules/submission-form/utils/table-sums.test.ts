import { emptyReport, type AnnualReport } from '@gongkai/report-model';
import { generateConsistentReport, withCell } from '@gongkai/report-model/testing';
import { describe, expect, it } from 'vitest';
import {
  applicationsSums,
  disagrees,
  reviewLitigationSums,
  subtotalGroups,
  sumCells,
} from './table-sums';

function reportWith(
  values: Record<string, number>,
  template: '2019' | '2021' = '2021',
): AnnualReport {
  let report = emptyReport(template, template === '2021' ? 2023 : 2020);
  for (const [path, value] of Object.entries(values)) report = withCell(report, path, value);
  return report;
}

describe(sumCells.name, () => {
  it('adds known cells and marks the sum incomplete when a cell is blank', () => {
    expect(sumCells([1, 2, 3])).toEqual({ value: 6, complete: true });
    expect(sumCells([1, null, 3])).toEqual({ value: 4, complete: false });
    expect(sumCells([])).toEqual({ value: 0, complete: true });
  });

  it('keeps money sums exact to six places', () => {
    expect(sumCells([0.1, 0.2]).value).toBe(0.3);
  });
});

describe(applicationsSums.name, () => {
  it('computes the （三）（四）（五）（六） subtotals per column', () => {
    const sut = applicationsSums(
      reportWith({
        'applications.deniedStateSecret.natural': 1,
        'applications.deniedQueryMatters.natural': 2,
        'applications.unavailableNotHeld.natural': 4,
        'applications.unprocessedDuplicate.natural': 8,
        'applications.otherNoFee.natural': 16,
        'applications.otherOther.natural': 32,
      }),
    );
    expect(sut.groups.denied.natural?.value).toBe(3);
    expect(sut.groups.unavailable.natural?.value).toBe(4);
    expect(sut.groups.unprocessed.natural?.value).toBe(8);
    expect(sut.groups.other.natural?.value).toBe(48);
    expect(sut.outcomes.natural?.value).toBe(63);
    expect(sut.outcomes.natural?.complete).toBe(false);
  });

  it('uses the single （六）其他处理 row of the 2019 template', () => {
    expect(subtotalGroups('2019').other).toEqual(['otherHandling']);
    const sut = applicationsSums(reportWith({ 'applications.otherHandling.legal': 5 }, '2019'));
    expect(sut.groups.other.legal?.value).toBe(5);
  });

  it('computes row totals over the six applicant columns', () => {
    const sut = applicationsSums(
      reportWith({
        'applications.newReceived.natural': 20,
        'applications.newReceived.commercial': 3,
        'applications.newReceived.research': 0,
        'applications.newReceived.publicInterest': 0,
        'applications.newReceived.legal': 1,
        'applications.newReceived.other': 0,
        'applications.newReceived.total': 25,
      }),
    );
    expect(sut.rowTotals.newReceived).toEqual({ value: 24, complete: true });
    expect(disagrees(sut.rowTotals.newReceived, 25)).toBe(true);
    expect(disagrees(sut.rowTotals.newReceived, 24)).toBe(false);
  });

  it('agrees with every printed total of a consistent generated report', () => {
    const report = generateConsistentReport(7, '2021', 2022);
    const sut = applicationsSums(report);
    const table = report.tables.applications ?? {};
    for (const [row, sum] of Object.entries(sut.rowTotals)) {
      expect(sum.value, row).toBe(table[row]?.total);
    }
    for (const [column, sum] of Object.entries(sut.outcomes)) {
      expect(sum.value, column).toBe(table.total?.[column]);
      const balance = sut.balance[column];
      expect(balance?.intake.value).toBe(balance?.outflow.value);
    }
  });
});

describe(reviewLitigationSums.name, () => {
  it('adds upheld, corrected, other and pending per row', () => {
    const sut = reviewLitigationSums(
      reportWith({
        'reviewLitigation.review.upheld': 1,
        'reviewLitigation.review.corrected': 0,
        'reviewLitigation.review.other': 2,
        'reviewLitigation.review.pending': 0,
      }),
    );
    expect(sut.review).toEqual({ value: 3, complete: true });
    expect(sut.litigationDirect?.complete).toBe(false);
  });
});
