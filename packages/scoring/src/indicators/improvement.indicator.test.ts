import { toEpochMs } from '../instant';
import { AS_OF, aFinding, aScoringInput } from '../testing/scoring-input.factory';
import { improvementIndicator as sut, improvementRatio } from './improvement.indicator';

const context = { asOfMs: toEpochMs(AS_OF) };

describe(sut.id, () => {
  it('returns not applicable without last year’s finding counts', () => {
    expect(sut.measure(aScoringInput(), context).status).toBe('notApplicable');
  });

  it('returns the relative reduction of weighted findings', () => {
    const input = aScoringInput({
      previous: { findingCounts: { error: 3, warning: 2 } },
      findings: [aFinding({ rule: 'applications.balance', severity: 'error' })],
    });
    expect(sut.measure(input, context)).toEqual({ status: 'value', value: (4 - 1) / 4 });
  });

  it('returns 1 when nothing is left to fix, also after a clean year', () => {
    const input = aScoringInput({ previous: { findingCounts: { error: 0, warning: 0 } } });
    expect(sut.measure(input, context)).toEqual({ status: 'value', value: 1 });
  });
});

describe(improvementRatio.name, () => {
  it.each([
    [0, 2, -1],
    [2, 8, -1],
    [4, 4, 0],
    [4, 6, -0.5],
  ])('returns %p → %p as %p', (previous, current, expected) => {
    expect(improvementRatio(previous, current)).toBe(expected);
  });
});
