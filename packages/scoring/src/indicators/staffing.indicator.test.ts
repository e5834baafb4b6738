import { toEpochMs } from '../instant';
import {
  AS_OF,
  DEADLINE,
  aPost,
  aReport,
  aRoster,
  aScoringInput,
} from '../testing/scoring-input.factory';
import { staffingIndicator as sut } from './staffing.indicator';

const context = { asOfMs: toEpochMs(AS_OF) };

function measured(value: ReturnType<typeof sut.measure>): number {
  if (value.status !== 'value') throw new Error(`expected a value, got ${value.status}`);
  return value.value;
}

describe(sut.id, () => {
  it.each([
    [{ leadingGroup: true, dedicatedStaff: 1, partTimeStaff: 0, trainings: 1 }, 1],
    [{ leadingGroup: true, dedicatedStaff: 0, partTimeStaff: 1, trainings: 1 }, 0.5],
    [{ leadingGroup: false, dedicatedStaff: 2, partTimeStaff: 0, trainings: 0 }, 0.5],
    [{ leadingGroup: null, dedicatedStaff: null, partTimeStaff: 1, trainings: null }, 0],
  ])('returns prose points when the report states %p', (staffing, expected) => {
    const input = aScoringInput({ report: aReport({ staffing }) });
    expect(measured(sut.measure(input, context))).toBeCloseTo(expected, 10);
  });

  it('returns 0 when the report states nothing about staffing', () => {
    const input = aScoringInput({ report: aReport({ staffing: undefined }) });
    expect(measured(sut.measure(input, context))).toBe(0);
  });

  it('returns roster points, preferring the roster over the prose', () => {
    const input = aScoringInput({
      report: aReport({
        staffing: { leadingGroup: false, dedicatedStaff: 0, partTimeStaff: 1, trainings: 0 },
      }),
      roster: aRoster(),
    });
    expect(measured(sut.measure(input, context))).toBeCloseTo(1, 10);
  });

  it('returns less when a required post is vacant', () => {
    const input = aScoringInput({
      roster: aRoster({
        posts: [
          aPost(),
          aPost({ postId: 'liaison', holders: 0, fullTimeHolders: 0, vacantSince: DEADLINE }),
        ],
      }),
    });
    expect(measured(sut.measure(input, context))).toBeCloseTo(0.9, 10);
  });

  it('returns the prose value for facts the roster does not record', () => {
    const input = aScoringInput({
      report: aReport({ staffing: { leadingGroup: true, dedicatedStaff: 0, trainings: 3 } }),
      roster: aRoster({ leadingGroup: null, trainingsInRound: null, fullTimeStaff: 0 }),
    });
    expect(measured(sut.measure(input, context))).toBeCloseTo(0.2 + 0.2 + 0.2, 10);
  });

  it('returns a roster value even without a report, and missing without either', () => {
    expect(sut.measure(aScoringInput({ report: null, roster: aRoster() }), context).status).toBe(
      'value',
    );
    expect(sut.measure(aScoringInput({ report: null }), context)).toEqual({ status: 'missing' });
  });
});
