import fc from 'fast-check';
import { DEFAULT_MODEL } from '../model/default.model';
import type { ScoringModel } from '../model/scoring-model.types';
import { scoreAll } from '../scoring/score-board';
import type { ScoringInput } from '../scoring-input.types';
import { AS_OF, aScoringInput } from '../testing/scoring-input.factory';
import { rank as sut, rankList } from './rank';

/** A model on timeliness alone: days late map straight to scores. */
const TIMELINESS_ONLY: ScoringModel = {
  ...DEFAULT_MODEL,
  indicators: [
    {
      indicatorId: 'timeliness',
      weight: 1,
      direction: 'lowerIsBetter',
      normalisation: { kind: 'bands', breaks: [0, 3, 7], scores: [1, 0.8, 0.5, 0] },
    },
  ],
};

function org(
  organizationId: string,
  submittedAt: string | null,
  overrides: Partial<ScoringInput> = {},
): ScoringInput {
  return aScoringInput({
    organizationId,
    submission:
      submittedAt === null ? null : { status: 'submitted', firstSubmittedAt: submittedAt },
    report: submittedAt === null ? null : aScoringInput().report,
    ...overrides,
  });
}

const ON_TIME = '2024-01-20T10:00:00+08:00';
const ON_TIME_LATER = '2024-01-30T10:00:00+08:00';
const TWO_DAYS_LATE = '2024-02-02T10:00:00+08:00';

/** Three tied on time (one in another county, one in another peer group), one late. */
const FOUR = [
  org('d', TWO_DAYS_LATE, { previous: { rank: 1 } }),
  org('b', ON_TIME_LATER, { previous: { rank: 3 } }),
  org('c', ON_TIME, { regionPath: ['province', 'city', 'county-b'], previous: { rank: 2 } }),
  org('a', ON_TIME, { peerGroup: 'township' }),
];

describe(sut.name, () => {
  const inputs = FOUR;
  const board = scoreAll(inputs, TIMELINESS_ONLY, { asOf: AS_OF });

  it('returns competition ranks "1, 1, 1, 4" with the tied flag, ties in input order', () => {
    const result = sut(board);
    expect(result.map((e) => [e.organizationId, e.rank, e.tied, e.score])).toEqual([
      ['b', 1, true, 100],
      ['c', 1, true, 100],
      ['a', 1, true, 100],
      ['d', 4, false, 80],
    ]);
  });

  it('returns ties broken by earlier submission when asked, sharing only what stays equal', () => {
    const result = sut(board, { tieBreakers: ['earlierSubmission'] });
    expect(result.map((e) => [e.organizationId, e.rank, e.tied])).toEqual([
      ['c', 1, true],
      ['a', 1, true],
      ['b', 3, false],
      ['d', 4, false],
    ]);
  });

  it('returns ties broken by fewer errors', () => {
    const withErrors = scoreAll(
      [
        org('x', ON_TIME, {
          findings: [
            {
              rule: 'applications.balance',
              severity: 'error',
              cells: [],
              message: '',
              messageEn: '',
            },
          ],
        }),
        org('y', ON_TIME),
      ],
      TIMELINESS_ONLY,
      { asOf: AS_OF },
    );
    expect(
      sut(withErrors, { tieBreakers: ['fewerErrors'] }).map((e) => [e.organizationId, e.rank]),
    ).toEqual([
      ['y', 1],
      ['x', 2],
    ]);
  });

  it('returns ranks within a peer group or region subtree', () => {
    expect(
      sut(board, { filter: { peerGroup: 'county-department' } }).map((e) => [
        e.organizationId,
        e.rank,
      ]),
    ).toEqual([
      ['b', 1],
      ['c', 1],
      ['d', 3],
    ]);
    expect(
      sut(board, { filter: { regionPrefix: ['province', 'city', 'county-a'] } }).map(
        (e) => e.organizationId,
      ),
    ).toEqual(['b', 'a', 'd']);
    expect(sut(board, { filter: { organizationIds: new Set(['d']) } }).map((e) => e.rank)).toEqual([
      1,
    ]);
  });

  it('returns the change against last year’s rank (positive = moved up)', () => {
    const result = new Map(sut(board).map((e) => [e.organizationId, e]));
    expect(result.get('d')).toEqual(expect.objectContaining({ previousRank: 1, rankChange: -3 }));
    expect(result.get('b')).toEqual(expect.objectContaining({ previousRank: 3, rankChange: 2 }));
    expect(result.get('a')).toEqual(
      expect.objectContaining({ previousRank: null, rankChange: null }),
    );
    const override = sut(board, { previousRanks: new Map([['a', 9]]) });
    expect(override.find((e) => e.organizationId === 'a')?.rankChange).toBe(8);
  });

  it('returns organizations without a score last, unranked and not tied', () => {
    const pending = scoreAll([org('p', null), org('q', null), org('r', ON_TIME)], TIMELINESS_ONLY, {
      asOf: '2024-01-25T00:00:00+08:00',
    });
    expect(sut(pending).map((e) => [e.organizationId, e.rank, e.tied])).toEqual([
      ['r', 1, false],
      ['p', null, false],
      ['q', null, false],
    ]);
  });

  it('returns ties decided on the displayed (two-decimal) score', () => {
    const thirds: ScoringModel = {
      ...DEFAULT_MODEL,
      indicators: [
        {
          indicatorId: 'timeliness',
          weight: 1,
          direction: 'lowerIsBetter',
          normalisation: { kind: 'bands', breaks: [0], scores: [1 / 3, 0] },
        },
      ],
    };
    const result = sut(
      scoreAll([org('m', ON_TIME), org('n', ON_TIME_LATER)], thirds, { asOf: AS_OF }),
    );
    expect(result.map((e) => [e.rank, e.score, e.tied])).toEqual([
      [1, 33.33, true],
      [1, 33.33, true],
    ]);
  });

  it('returns an empty ranking for an empty board', () => {
    expect(sut(scoreAll([], DEFAULT_MODEL, { asOf: AS_OF }))).toEqual([]);
  });

  it('returns the order and ranks of a plain comparator sort, for any scores and tie-breakers', () => {
    const day = 86_400_000;
    const deadline = Date.parse('2024-01-31T15:59:59.999Z');
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            late: fc.integer({ min: -3, max: 10 }),
            errors: fc.nat({ max: 2 }),
            missing: fc.boolean(),
          }),
          {
            maxLength: 30,
          },
        ),
        fc.subarray(['earlierSubmission', 'fewerErrors'] as const),
        (specs, tieBreakers) => {
          const inputs = specs.map((spec, i) =>
            aScoringInput({
              organizationId: `o${i}`,
              submission: spec.missing
                ? null
                : { status: 'submitted', firstSubmittedAt: deadline + spec.late * day },
              report: spec.missing ? null : aScoringInput().report,
              findings: Array.from({ length: spec.errors }, () => ({
                rule: 'applications.balance' as const,
                severity: 'error' as const,
                cells: [],
                message: '',
                messageEn: '',
              })),
            }),
          );
          const board = scoreAll(inputs, TIMELINESS_ONLY, { asOf: AS_OF });
          const key = (i: number): number[] => {
            const row = board.rows[i];
            const score = row?.score ?? null;
            return [
              score === null ? Infinity : -score,
              ...tieBreakers.map((b) =>
                b === 'earlierSubmission'
                  ? (row?.firstSubmittedAtMs ?? Infinity)
                  : (row?.errorCount ?? 0),
              ),
            ];
          };
          const compare = (a: number, b: number) => {
            const ka = key(a);
            const kb = key(b);
            for (let k = 0; k < ka.length; k += 1)
              if (ka[k] !== kb[k]) return (ka[k] as number) < (kb[k] as number) ? -1 : 1;
            return 0;
          };
          const expected = inputs.map((_, i) => i).sort((a, b) => compare(a, b) || a - b);
          const result = sut(board, { tieBreakers });
          expect(result.map((e) => e.row)).toEqual(expected);
          result.forEach((entry) => {
            const ahead = expected.filter((i) => compare(i, entry.row) < 0).length;
            const same = expected.filter((i) => compare(i, entry.row) === 0).length;
            expect(entry.rank).toBe(entry.score === null ? null : ahead + 1);
            expect(entry.tied).toBe(entry.score !== null && same > 1);
          });
        },
      ),
    );
  });
});

describe(rankList.name, () => {
  const inputs = [...FOUR, org('e', null)];
  const board = scoreAll(inputs, TIMELINESS_ONLY, { asOf: AS_OF });

  it('holds the same entries as rank, read by position, slice or iteration', () => {
    const options = { previousRanks: new Map([['a', 2]]) };
    const list = rankList(board, options);
    const entries = sut(board, options);
    expect(list.length).toBe(entries.length);
    expect([...list]).toEqual(entries);
    expect(list.toArray()).toEqual(entries);
    entries.forEach((entry, q) => {
      expect(list.at(q)).toEqual(entry);
      expect(list.row(q)).toBe(entry.row);
      expect(list.rank(q)).toBe(entry.rank);
    });
    expect(list.at(-1)).toEqual(entries.at(-1));
    expect(list.at(entries.length)).toBeUndefined();
    expect(list.at(1.5)).toBeUndefined();
    for (const [start, end] of [
      [0, 2],
      [1, undefined],
      [-2, undefined],
      [2, -1],
      [3, 99],
      [4, 1],
    ] as const) {
      expect(list.slice(start, end)).toEqual(entries.slice(start, end));
    }
    expect(list.rankedCount).toBe(entries.filter((entry) => entry.rank !== null).length);
    expect(list.rankedCount).toBe(5);
    expect(list.at(0)?.previousRank).toBe(3);
    expect(entries.find((entry) => entry.organizationId === 'a')?.previousRank).toBe(2);
  });

  it('counts and reads back organizations without a rank', () => {
    const pending = scoreAll([org('p', null), org('q', null), org('r', ON_TIME)], TIMELINESS_ONLY, {
      asOf: '2024-01-25T00:00:00+08:00',
    });
    const list = rankList(pending);
    expect(list.rankedCount).toBe(1);
    expect([...list]).toEqual(sut(pending));
    expect(list.rank(1)).toBeNull();
    expect(list.at(1)).toMatchObject({
      organizationId: 'p',
      rank: null,
      tied: false,
      rankChange: null,
    });
  });

  it('picks positions as a filtered view that keeps the ranks of the whole population', () => {
    const list = rankList(board);
    const picked = list.pick(Uint32Array.of(1, 3));
    expect([...picked]).toEqual([list.at(1), list.at(3)]);
    expect(picked.length).toBe(2);
    expect(list.pick(new Uint32Array(0)).length).toBe(0);
    expect(() => list.pick(Uint32Array.of(list.length))).toThrow(RangeError);
  });

  it('is empty for an empty population', () => {
    const list = rankList(board, { filter: { peerGroup: 'nobody' } });
    expect(list.length).toBe(0);
    expect(list.rankedCount).toBe(0);
    expect([...list]).toEqual([]);
    expect(list.at(0)).toBeUndefined();
  });
});
