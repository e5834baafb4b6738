import { toEpochMs } from '../instant';
import { AS_OF, aFinding, aScoringInput } from '../testing/scoring-input.factory';
import { arithmeticIndicator } from './arithmetic.indicator';
import { completenessIndicator } from './completeness.indicator';
import { originalityIndicator } from './originality.indicator';
import { textAgreementIndicator } from './text-agreement.indicator';

const context = { asOfMs: toEpochMs(AS_OF) };

describe(completenessIndicator.id, () => {
  const sut = completenessIndicator;

  it('returns 0 penalty points when there are no completeness findings', () => {
    expect(sut.measure(aScoringInput(), context)).toEqual({ status: 'value', value: 0 });
  });

  it('returns points per blank cell, missing section, template and overview topic', () => {
    const input = aScoringInput({
      findings: [
        aFinding({ rule: 'completeness.blankCells', cells: ['a.b.c', 'a.b.d', 'a.e.c'] }),
        aFinding({
          rule: 'completeness.sections',
          severity: 'error',
          cells: ['sections.problems'],
        }),
        aFinding({ rule: 'completeness.templateVersion', severity: 'error' }),
        aFinding({ rule: 'completeness.overviewTopics', cells: ['sections.overview'] }),
        aFinding({ rule: 'text.matchesTable' }),
      ],
    });
    expect(sut.measure(input, context)).toEqual({ status: 'value', value: 3 + 5 + 10 + 1 });
  });

  it('returns missing when there is no report after the deadline', () => {
    expect(sut.measure(aScoringInput({ report: null }), context)).toEqual({ status: 'missing' });
  });
});

describe(arithmeticIndicator.id, () => {
  const sut = arithmeticIndicator;

  it('returns errors counted 1 and warnings 0.5 for table-arithmetic rules only', () => {
    const input = aScoringInput({
      findings: [
        aFinding({ rule: 'applications.balance', severity: 'error' }),
        aFinding({ rule: 'reviewLitigation.groupTotal', severity: 'error' }),
        aFinding({ rule: 'applications.carryOver', severity: 'warning' }),
        aFinding({ rule: 'legacy.proactiveChannels', severity: 'info' }),
        aFinding({ rule: 'completeness.sections', severity: 'error' }),
        aFinding({ rule: 'text.matchesTable', severity: 'warning' }),
      ],
    });
    expect(sut.measure(input, context)).toEqual({ status: 'value', value: 2.5 });
  });

  it('returns 0 when the tables add up', () => {
    expect(sut.measure(aScoringInput(), context)).toEqual({ status: 'value', value: 0 });
  });
});

describe(textAgreementIndicator.id, () => {
  const sut = textAgreementIndicator;

  it('returns the number of text findings', () => {
    const input = aScoringInput({
      findings: [
        aFinding({ rule: 'text.matchesTable', expected: 275, actual: 258 }),
        aFinding({ rule: 'text.wrongEntity' }),
        aFinding({ rule: 'applications.balance', severity: 'error' }),
      ],
    });
    expect(sut.measure(input, context)).toEqual({ status: 'value', value: 2 });
  });
});

describe(originalityIndicator.id, () => {
  const sut = originalityIndicator;

  it('returns the highest similarity ratio of the originality findings', () => {
    const input = aScoringInput({
      findings: [
        aFinding({ rule: 'originality.previousYear', actual: 0.62 }),
        aFinding({ rule: 'originality.peer', actual: 0.91 }),
      ],
    });
    expect(sut.measure(input, context)).toEqual({ status: 'value', value: 0.91 });
  });

  it('returns a percentage as a ratio and a finding without a ratio as the 0.5 threshold', () => {
    expect(
      sut.measure(
        aScoringInput({ findings: [aFinding({ rule: 'originality.peer', actual: 75 })] }),
        context,
      ),
    ).toEqual({ status: 'value', value: 0.75 });
    expect(
      sut.measure(
        aScoringInput({ findings: [aFinding({ rule: 'originality.previousYear' })] }),
        context,
      ),
    ).toEqual({ status: 'value', value: 0.5 });
  });

  it('returns 0 when no originality finding exists', () => {
    expect(sut.measure(aScoringInput(), context)).toEqual({ status: 'value', value: 0 });
  });
});
