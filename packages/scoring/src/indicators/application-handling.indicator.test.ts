import { toEpochMs } from '../instant';
import { AS_OF, aReport, aScoringInput, withCell } from '../testing/scoring-input.factory';
import {
  applicationsBacklogIndicator,
  applicationsGrantedIndicator,
  correctedDecisionsIndicator,
} from './application-handling.indicator';

const context = { asOfMs: toEpochMs(AS_OF) };

describe(applicationsGrantedIndicator.id, () => {
  const sut = applicationsGrantedIndicator;

  it('returns (granted + partly granted) ÷ total', () => {
    expect(sut.measure(aScoringInput(), context)).toEqual({ status: 'value', value: 15 / 20 });
  });

  it('returns not applicable when no application was handled or a cell is blank', () => {
    const none = withCell(aReport(), 'applications.total.total', 0);
    expect(sut.measure(aScoringInput({ report: none }), context).status).toBe('notApplicable');
    const blank = withCell(aReport(), 'applications.granted.total', null);
    expect(sut.measure(aScoringInput({ report: blank }), context).status).toBe('notApplicable');
  });

  it('returns the legacy response share for a pre-2019 table', () => {
    const legacy = aReport({
      template: 'legacy-fujian',
      tables: {
        legacyStats: {
          responsesTotal: { year: 10, cumulative: 50 },
          responsesGranted: { year: 6, cumulative: 30 },
          responsesPartial: { year: 2, cumulative: 5 },
        },
      },
    });
    expect(sut.measure(aScoringInput({ report: legacy }), context)).toEqual({
      status: 'value',
      value: 0.8,
    });
  });
});

describe(applicationsBacklogIndicator.id, () => {
  const sut = applicationsBacklogIndicator;

  it('returns carried forward ÷ (new + carried over)', () => {
    expect(sut.measure(aScoringInput(), context)).toEqual({ status: 'value', value: 2 / 22 });
  });

  it('returns not applicable without applications', () => {
    let report = withCell(aReport(), 'applications.newReceived.total', 0);
    report = withCell(report, 'applications.carriedOver.total', 0);
    expect(sut.measure(aScoringInput({ report }), context).status).toBe('notApplicable');
  });
});

describe(correctedDecisionsIndicator.id, () => {
  const sut = correctedDecisionsIndicator;

  it('returns the cases corrected in review and lost in litigation', () => {
    let report = withCell(aReport(), 'reviewLitigation.review.corrected', 2);
    report = withCell(report, 'reviewLitigation.litigationDirect.corrected', 1);
    report = withCell(report, 'reviewLitigation.litigationAfterReview.corrected', 1);
    expect(sut.measure(aScoringInput({ report }), context)).toEqual({ status: 'value', value: 4 });
  });

  it('returns 0 when every decision was upheld', () => {
    expect(sut.measure(aScoringInput(), context)).toEqual({ status: 'value', value: 0 });
  });

  it('returns not applicable when the report has no review table', () => {
    const report = aReport({ template: 'legacy-2011', tables: {} });
    expect(sut.measure(aScoringInput({ report }), context).status).toBe('notApplicable');
  });
});
