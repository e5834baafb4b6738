import fc from 'fast-check';
import { DEFAULT_MODEL } from '../model/default.model';
import { ModelValidationError, type ScoringModel } from '../model/scoring-model.types';
import type { ScoringInput } from '../scoring-input.types';
import { findingsArbitrary } from '../testing/finding.arbitrary';
import {
  AS_OF,
  DEADLINE,
  aFinding,
  aReport,
  aRoster,
  aScoringInput,
  withCell,
} from '../testing/scoring-input.factory';
import { explain } from './explain';
import { ScoreBoardBuilder, scoreAll as sut } from './score-board';

const options = { asOf: AS_OF };

function scoreOf(
  inputs: readonly ScoringInput[],
  model: ScoringModel,
  id = 'org-001',
): number | null {
  const board = sut(inputs, model, options);
  return board.rows[board.rowIndex.get(id) ?? -1]?.score ?? null;
}

function only(
  ...entries: [ScoringModel['indicators'][number]['indicatorId'], number][]
): ScoringModel {
  return {
    ...DEFAULT_MODEL,
    indicators: entries.map(([id, weight]) => {
      const entry = DEFAULT_MODEL.indicators.find((e) => e.indicatorId === id);
      if (!entry) throw new Error(id);
      return { ...entry, weight };
    }),
  };
}

describe(sut.name, () => {
  it('returns 100 for a clean report submitted on time', () => {
    expect(scoreOf([aScoringInput()], DEFAULT_MODEL)).toBe(100);
  });

  it('returns the weighted mean of indicator scores over the indicators that apply', () => {
    const input = aScoringInput({
      submission: { status: 'submitted', firstSubmittedAt: '2024-02-03T09:00:00+08:00' },
      findings: [aFinding({ rule: 'applications.balance', severity: 'error' })],
    });
    // timeliness 3 days late → 0.8, arithmetic 1 → 0.6; improvement not applicable:
    // 100 × (20 × 0.8 + 15 × 0.6) ÷ 35 = 71.428…
    const model = only(['timeliness', 20], ['arithmetic', 15], ['improvement', 5]);
    expect(scoreOf([input], model)).toBe(71.43);
  });

  it('returns the same scores when all weights are scaled', () => {
    const inputs = [
      aScoringInput({ findings: [aFinding({ rule: 'text.matchesTable' })] }),
      aScoringInput({
        organizationId: 'org-002',
        report: withCell(aReport(), 'applications.granted.total', 5),
      }),
    ];
    const scaled = {
      ...DEFAULT_MODEL,
      indicators: DEFAULT_MODEL.indicators.map((e) => ({ ...e, weight: e.weight * 4 })),
    };
    expect(sut(inputs, scaled, options).rows.map((r) => r.score)).toEqual(
      sut(inputs, DEFAULT_MODEL, options).rows.map((r) => r.score),
    );
  });

  it('returns the same score when an indicator has weight 0 as when the model leaves it out', () => {
    const input = aScoringInput({ findings: [aFinding({ rule: 'text.matchesTable' })] });
    expect(
      scoreOf([input], only(['textAgreement', 10], ['staffing', 10], ['originality', 0])),
    ).toBe(scoreOf([input], only(['textAgreement', 10], ['staffing', 10])));
  });

  it('returns 0 when nothing was submitted after the deadline', () => {
    const input = aScoringInput({ submission: null, report: null });
    expect(scoreOf([input], DEFAULT_MODEL)).toBe(0);
  });

  it('returns null (unranked) while the deadline has not passed and nothing was submitted', () => {
    const input = aScoringInput({ submission: null, report: null });
    const board = sut([input], DEFAULT_MODEL, { asOf: DEADLINE });
    expect(board.rows[0]?.score).toBeNull();
    expect(Number.isNaN(board.scores[0])).toBe(true);
  });

  it('returns null (unranked) while the deadline is open and nothing was submitted, roster or not', () => {
    const rostered = aScoringInput({ submission: null, report: null, roster: aRoster() });
    const board = sut([rostered], DEFAULT_MODEL, { asOf: DEADLINE });
    expect(board.rows[0]?.score).toBeNull();
    expect(board.rows[0]?.awaitingReport).toBe(true);
    expect(explain(board, rostered.organizationId)?.unranked).toBe('awaitingReport');
    // staffing is not applicable either: the roster is not scored until the report is in
    expect(explain(board, rostered.organizationId)?.contributions.map((c) => c.status)).toEqual(
      DEFAULT_MODEL.indicators.map(() => 'notApplicable'),
    );
    // a staffing-only model does not rank it either
    expect(sut([rostered], only(['staffing', 1]), { asOf: DEADLINE }).rows[0]?.score).toBeNull();
  });

  it('scores a body without a report after the deadline: missing counts 0, its roster counts', () => {
    const roster = aRoster({ leadingGroup: true, trainingsInRound: 1 });
    const rostered = aScoringInput({ submission: null, report: null, roster });
    const board = sut([rostered], DEFAULT_MODEL, options);
    const explanation = explain(board, rostered.organizationId);
    expect(board.rows[0]?.awaitingReport).toBeUndefined();
    expect(explanation?.unranked).toBeNull();
    const staffing = explanation?.contributions.find((c) => c.indicatorId === 'staffing');
    expect(staffing?.status).toBe('value');
    expect(staffing?.points).toBeGreaterThan(0);
    expect(board.rows[0]?.score).toBe(staffing?.points);
    expect(explanation?.contributions.find((c) => c.indicatorId === 'timeliness')?.status).toBe(
      'missing',
    );
  });

  it('ranks a body that submitted before the deadline, and one without a deadline, roster or not', () => {
    const submitted = aScoringInput({ roster: aRoster() });
    const noDeadline = aScoringInput({
      organizationId: 'org-002',
      deadline: null,
      submission: null,
      report: null,
      roster: aRoster(),
    });
    const board = sut([submitted, noDeadline], DEFAULT_MODEL, { asOf: DEADLINE });
    expect(board.rows.map((row) => row.score === null)).toEqual([false, false]);
    expect(board.rows.map((row) => row.awaitingReport)).toEqual([undefined, undefined]);
  });

  it('says why a score is null when no indicator applies to a body that submitted', () => {
    const input = aScoringInput({ previous: undefined });
    const board = sut([input], only(['improvement', 1]), options);
    expect(board.rows[0]?.score).toBeNull();
    expect(explain(board, input.organizationId)?.unranked).toBe('nothingApplies');
  });

  it('returns peer-relative scores computed within the peer group only', () => {
    const granted = (id: string, peerGroup: string, value: number) =>
      aScoringInput({
        organizationId: id,
        peerGroup,
        report: withCell(aReport(), 'applications.granted.total', value),
      });
    const inputs = [granted('a', 'x', 2), granted('b', 'x', 17), granted('c', 'y', 2)];
    const model = only(['applicationsGranted', 1]);
    const board = sut(inputs, model, options);
    expect(board.rows.map((r) => r.score)).toEqual([0, 100, 100]);
    expect(sut(inputs, { ...model, peerScope: 'all' }, options).rows.map((r) => r.score)).toEqual([
      25, 100, 25,
    ]);
  });

  it('throws a ModelValidationError and computes nothing when the model is invalid', () => {
    const bad = only(['timeliness', -1], ['staffing', 1]);
    expect(() => sut([aScoringInput()], bad, options)).toThrow(ModelValidationError);
  });

  it('throws when an organization appears twice', () => {
    expect(() => sut([aScoringInput(), aScoringInput()], DEFAULT_MODEL, options)).toThrow(/twice/);
  });

  it('returns the input’s tie-breaking facts and last year’s rank on each row', () => {
    const board = sut(
      [
        aScoringInput({
          previous: { rank: 4, score: 88 },
          findings: [aFinding({ rule: 'applications.balance', severity: 'error' })],
        }),
      ],
      DEFAULT_MODEL,
      options,
    );
    expect(board.rows[0]).toEqual(
      expect.objectContaining({
        errorCount: 1,
        previousRank: 4,
        previousScore: 88,
        firstSubmittedAtMs: Date.parse('2024-01-20T02:00:00Z'),
      }),
    );
  });

  describe('properties', () => {
    const peers = [
      aScoringInput({
        organizationId: 'peer-1',
        findings: [aFinding({ rule: 'text.arithmetic' })],
      }),
      aScoringInput({
        organizationId: 'peer-2',
        report: withCell(aReport(), 'applications.carriedForward.total', 9),
      }),
    ];
    const subject = (findings: ScoringInput['findings'], lateDays: number) =>
      aScoringInput({
        submission: {
          status: 'submitted',
          firstSubmittedAt: new Date(Date.parse(DEADLINE) + lateDays * 86_400_000).toISOString(),
        },
        previous: { findingCounts: { error: 2, warning: 3 } },
        findings,
      });

    it('returns a score that never drops when a finding is fixed', () => {
      fc.assert(
        fc.property(
          findingsArbitrary,
          fc.nat({ max: 40 }),
          fc.nat(),
          (findings, lateDays, pick) => {
            fc.pre(findings.length > 0);
            const fixedIndex = pick % findings.length;
            const fixed = findings.filter((_, i) => i !== fixedIndex);
            const before = scoreOf([subject(findings, lateDays), ...peers], DEFAULT_MODEL);
            const after = scoreOf([subject(fixed, lateDays), ...peers], DEFAULT_MODEL);
            expect(after).not.toBeNull();
            expect(after as number).toBeGreaterThanOrEqual(before as number);
          },
        ),
      );
    });

    it('returns contributions whose points add up exactly to the score', () => {
      const weight = fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 1000, noNaN: true }));
      fc.assert(
        fc.property(
          findingsArbitrary,
          fc.nat({ max: 40 }),
          fc.array(weight, {
            minLength: DEFAULT_MODEL.indicators.length,
            maxLength: DEFAULT_MODEL.indicators.length,
          }),
          (findings, lateDays, weights) => {
            fc.pre(weights.some((w) => w > 0));
            const model = {
              ...DEFAULT_MODEL,
              indicators: DEFAULT_MODEL.indicators.map((e, i) => ({
                ...e,
                weight: weights[i] ?? 0,
              })),
            };
            const board = sut([subject(findings, lateDays), ...peers], model, options);
            const explanation = explain(board, 'org-001');
            if (explanation?.score === null || explanation === null) return;
            const cents = explanation.contributions.reduce(
              (sum, c) => sum + Math.round(c.points * 100),
              0,
            );
            expect(cents).toBe(Math.round(explanation.score * 100));
            const maxCents = explanation.contributions.reduce(
              (sum, c) => sum + Math.round(c.maxPoints * 100),
              0,
            );
            expect(maxCents).toBe(10_000);
            for (const c of explanation.contributions) {
              expect(c.points).toBeGreaterThanOrEqual(0);
              // Both are rounded to cents separately: at most a cent apart.
              expect(Math.round(c.points * 100)).toBeLessThanOrEqual(
                Math.round(c.maxPoints * 100) + 1,
              );
            }
          },
        ),
      );
    });
  });
});

describe(ScoreBoardBuilder.name, () => {
  const inputs = [
    aScoringInput({ organizationId: 'a', peerGroup: 'g1' }),
    aScoringInput({
      organizationId: 'b',
      peerGroup: 'g1',
      findings: [aFinding({ rule: 'text.arithmetic' })],
    }),
    aScoringInput({
      organizationId: 'c',
      peerGroup: 'g2',
      report: withCell(aReport(), 'applications.carriedForward.total', 9),
    }),
    aScoringInput({ organizationId: 'd', peerGroup: 'g2', submission: null, report: null }),
  ];

  it('returns the board scoreAll returns over the inputs in the given order', () => {
    const order = [2, 0, 3, 1];
    const builder = new ScoreBoardBuilder(DEFAULT_MODEL, options);
    for (const input of inputs) builder.add(input);
    const built = builder.build(order);
    const expected = sut(
      order.map((i) => inputs[i] as ScoringInput),
      DEFAULT_MODEL,
      options,
    );
    expect(built.rows).toEqual(expected.rows);
    expect([...built.rowIndex]).toEqual([...expected.rowIndex]);
    expect(built.raw).toEqual(expected.raw);
    expect(built.status).toEqual(expected.status);
    expect(built.normalised).toEqual(expected.normalised);
    expect(built.scores).toEqual(expected.scores);
  });

  it('returns the same board however many rows it grows through', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      aScoringInput({
        organizationId: `org-${i}`,
        peerGroup: `g${i % 3}`,
        report: withCell(aReport(), 'applications.carriedForward.total', i % 17),
      }),
    );
    const builder = new ScoreBoardBuilder(DEFAULT_MODEL, options);
    for (const input of many) builder.add(input);
    expect(builder.size).toBe(300);
    expect(builder.build().scores).toEqual(sut(many, DEFAULT_MODEL, options).scores);
  });

  it('throws when an organization is added twice, or the order is not a permutation', () => {
    const builder = new ScoreBoardBuilder(DEFAULT_MODEL, options);
    builder.add(inputs[0] as ScoringInput);
    expect(() => builder.add(inputs[0] as ScoringInput)).toThrow(/appears twice/);
    builder.add(inputs[1] as ScoringInput);
    expect(() => builder.build([0])).toThrow(/lists 1 of 2/);
    expect(() => builder.build([1, 1])).toThrow(/repeats or misses position 1/);
  });
});
