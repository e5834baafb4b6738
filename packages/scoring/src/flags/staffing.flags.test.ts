import { toEpochMs } from '../instant';
import type { ScoringInput } from '../scoring-input.types';
import { aPost, aReport, aRoster, aScoringInput } from '../testing/scoring-input.factory';
import type { FlagOptions } from './flag-options';
import { staffingFlags as sut } from './staffing.flags';

const AS_OF = '2024-02-15T10:00:00+08:00';

function run(input: ScoringInput, options: Partial<FlagOptions> = {}) {
  return sut(input, toEpochMs(AS_OF), { asOf: AS_OF, ...options });
}

function ids(input: ScoringInput, options: Partial<FlagOptions> = {}): string[] {
  return run(input, options).map((flag) => flag.id);
}

describe(sut.name, () => {
  it('returns no flag for a fully staffed body, from prose or roster', () => {
    expect(ids(aScoringInput())).toEqual([]);
    expect(ids(aScoringInput({ roster: aRoster() }))).toEqual([]);
  });

  it('returns no dedicated staff, no leading group and no training from the prose (seed 002 style)', () => {
    const report = aReport({
      staffing: { leadingGroup: false, dedicatedStaff: 0, partTimeStaff: 1, trainings: 0 },
    });
    const flags = run(aScoringInput({ report }));
    expect(flags.map((f) => f.id)).toEqual([
      'staffing.noDedicatedStaff',
      'staffing.noLeadingGroup',
      'staffing.noTraining',
    ]);
    expect(flags[0]?.evidence).toEqual({ source: 'report', dedicatedStaff: 0, partTimeStaff: 1 });
    expect(flags[0]?.message).toBe('无专职工作人员，仅有1名兼职人员');
  });

  it('returns a training flag when training is not stated, but no leading-group flag', () => {
    const report = aReport({
      staffing: { leadingGroup: null, dedicatedStaff: 1, partTimeStaff: null, trainings: null },
    });
    expect(ids(aScoringInput({ report }))).toEqual(['staffing.noTraining']);
  });

  it('returns nothing without report or roster', () => {
    expect(ids(aScoringInput({ report: null }))).toEqual([]);
  });

  describe('with a roster', () => {
    it('returns no dedicated staff from the roster even when the prose claims some', () => {
      const flags = ids(aScoringInput({ roster: aRoster({ fullTimeStaff: 0, partTimeStaff: 2 }) }));
      expect(flags).toContain('staffing.noDedicatedStaff');
      expect(flags).toContain('staffing.proseRosterMismatch');
    });

    it.each([
      ['2024-02-15T10:00:00+08:00', 0],
      ['2024-02-14T23:59:59+08:00', 1],
      ['2024-02-14T16:00:00Z', 0],
      ['2023-12-31T16:00:00Z', 45],
    ])('returns a vacant post with days vacant when vacant since %s', (vacantSince, days) => {
      const roster = aRoster({ posts: [aPost({ holders: 0, fullTimeHolders: 0, vacantSince })] });
      const flags = run(aScoringInput({ roster })).filter((f) => f.id === 'staffing.postVacant');
      expect(flags.map((f) => f.evidence.daysVacant)).toEqual([days]);
    });

    it('returns a vacant post only after the minimum vacant days', () => {
      const roster = aRoster({
        posts: [
          aPost({ holders: 0, fullTimeHolders: 0, vacantSince: '2024-02-01T09:00:00+08:00' }),
        ],
      });
      expect(ids(aScoringInput({ roster }), { minVacantDays: 15 })).not.toContain(
        'staffing.postVacant',
      );
      expect(ids(aScoringInput({ roster }), { minVacantDays: 14 })).toContain(
        'staffing.postVacant',
      );
    });

    it('returns a vacant post without days when the vacancy date is unknown', () => {
      const roster = aRoster({ posts: [aPost({ minCount: 2, holders: 1, vacantSince: null })] });
      expect(
        run(aScoringInput({ roster })).find((f) => f.id === 'staffing.postVacant')?.evidence,
      ).toEqual(expect.objectContaining({ holders: 1, minCount: 2, daysVacant: null }));
    });

    it('returns no full-time for a filled post that requires one, but not for a vacant one', () => {
      const partTimeOnly = aRoster({ posts: [aPost({ holders: 2, fullTimeHolders: 0 })] });
      expect(ids(aScoringInput({ roster: partTimeOnly }))).toContain('staffing.noFullTime');
      const vacant = aRoster({ posts: [aPost({ holders: 0, fullTimeHolders: 0 })] });
      expect(ids(aScoringInput({ roster: vacant }))).not.toContain('staffing.noFullTime');
      const notRequired = aRoster({
        posts: [aPost({ fullTimeRequired: false, fullTimeHolders: 0 })],
      });
      expect(ids(aScoringInput({ roster: notRequired }))).not.toContain('staffing.noFullTime');
    });

    it.each([
      ['2024-01-10T09:00:00+08:00', '2024-01-10T09:00:00+08:00', false],
      ['2024-01-10T09:00:00+08:00', '2024-01-10T09:00:00.001+08:00', true],
      [null, '2024-01-01T00:00:00+08:00', true],
    ])(
      'returns roster not updated when last updated %p and required since %p: %p',
      (lastUpdatedAt, since, fires) => {
        const input = aScoringInput({ roster: aRoster({ lastUpdatedAt }) });
        expect(
          ids(input, { rosterUpdatedSince: since }).includes('staffing.rosterNotUpdated'),
        ).toBe(fires);
      },
    );

    it('returns no roster-update flag when no reference instant is given', () => {
      expect(ids(aScoringInput({ roster: aRoster({ lastUpdatedAt: null }) }))).toEqual([]);
    });

    it('returns a mismatch when the report says one part-timer and the roster three full-time', () => {
      const report = aReport({
        staffing: { leadingGroup: true, dedicatedStaff: 0, partTimeStaff: 1, trainings: 1 },
      });
      const roster = aRoster({ fullTimeStaff: 3, partTimeStaff: 0 });
      const flag = run(aScoringInput({ report, roster })).find(
        (f) => f.id === 'staffing.proseRosterMismatch',
      );
      expect(flag?.evidence).toEqual({
        reportDedicatedStaff: 0,
        reportPartTimeStaff: 1,
        rosterFullTimeStaff: 3,
        rosterPartTimeStaff: 0,
      });
    });

    it('returns no mismatch when the prose leaves the numbers unstated', () => {
      const report = aReport({ staffing: { leadingGroup: true } });
      expect(ids(aScoringInput({ report, roster: aRoster({ fullTimeStaff: 3 }) }))).toEqual([]);
    });
  });
});
