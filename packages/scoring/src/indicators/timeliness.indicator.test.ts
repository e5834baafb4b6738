import { toEpochMs } from '../instant';
import { AS_OF, DEADLINE, aScoringInput } from '../testing/scoring-input.factory';
import { timelinessIndicator as sut } from './timeliness.indicator';

const asOf = { asOfMs: toEpochMs(AS_OF) };

function submittedAt(firstSubmittedAt: string | null) {
  return aScoringInput({
    submission: { status: firstSubmittedAt ? 'submitted' : 'draft', firstSubmittedAt },
  });
}

describe(sut.id, () => {
  it.each([
    ['2024-01-20T10:00:00+08:00', 0],
    ['2024-01-31T23:59:59.999+08:00', 0],
    ['2024-02-01T00:00:00+08:00', 1],
    ['2024-02-08T09:00:00+08:00', 8],
  ])('returns the days late when first submitted at %s', (at, expected) => {
    expect(sut.measure(submittedAt(at), asOf)).toEqual({ status: 'value', value: expected });
  });

  it('returns missing when nothing was submitted by the deadline', () => {
    expect(sut.measure(submittedAt(null), asOf)).toEqual({ status: 'missing' });
    expect(sut.measure(aScoringInput({ submission: null, report: null }), asOf)).toEqual({
      status: 'missing',
    });
  });

  it('returns not applicable while the deadline has not passed', () => {
    expect(sut.measure(submittedAt(null), { asOfMs: toEpochMs(DEADLINE) })).toEqual({
      status: 'notApplicable',
    });
  });

  it('returns 0 when a submission has no deadline to miss', () => {
    expect(sut.measure(aScoringInput({ deadline: null }), asOf)).toEqual({
      status: 'value',
      value: 0,
    });
  });
});
