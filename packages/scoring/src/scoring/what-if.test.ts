import { DEFAULT_MODEL } from '../model/default.model';
import { ModelValidationError } from '../model/scoring-model.types';
import { AS_OF, aFinding, aScoringInput } from '../testing/scoring-input.factory';
import { scoreAll } from './score-board';
import { validateWeights, whatIf as sut } from './what-if';

describe(sut.name, () => {
  const inputs = [
    aScoringInput({
      organizationId: 'late',
      submission: { status: 'submitted', firstSubmittedAt: '2024-02-20T09:00:00+08:00' },
    }),
    aScoringInput({
      organizationId: 'sloppy',
      findings: [aFinding({ rule: 'applications.balance', severity: 'error' })],
    }),
  ];
  const board = scoreAll(inputs, DEFAULT_MODEL, { asOf: AS_OF });

  it('returns the scores a full re-scoring with the same weights would give', () => {
    const weights = { timeliness: 50, arithmetic: 1 };
    const model = {
      ...DEFAULT_MODEL,
      indicators: DEFAULT_MODEL.indicators.map((e) =>
        e.indicatorId === 'timeliness'
          ? { ...e, weight: 50 }
          : e.indicatorId === 'arithmetic'
            ? { ...e, weight: 1 }
            : e,
      ),
    };
    const result = sut(board, weights);
    expect(result.rows.map((r) => r.score)).toEqual(
      scoreAll(inputs, model, { asOf: AS_OF }).rows.map((r) => r.score),
    );
    expect(result.rows[0]?.score).toBeLessThan(board.rows[0]?.score ?? 0);
    expect(result.rows[1]?.score).toBeGreaterThan(board.rows[1]?.score ?? 0);
  });

  it('returns a new board and leaves the original unchanged', () => {
    const before = board.rows.map((r) => r.score);
    sut(board, { timeliness: 0 });
    expect(board.rows.map((r) => r.score)).toEqual(before);
  });

  it.each([
    [{ timeliness: -1 }, 'weights.timeliness'],
    [{ popularity: 3 }, 'weights.popularity'],
    [{ timeliness: Number.POSITIVE_INFINITY }, 'weights.timeliness'],
  ])('throws ModelValidationError for the weights %p', (weights, path) => {
    expect(() => sut(board, weights as never)).toThrow(ModelValidationError);
    expect(validateWeights(board.model, weights as never).map((i) => i.path)).toEqual([path]);
  });

  it('throws when the new weights are all zero', () => {
    const zero = Object.fromEntries(DEFAULT_MODEL.indicators.map((e) => [e.indicatorId, 0]));
    expect(validateWeights(board.model, zero)).toEqual([
      expect.objectContaining({ path: 'weights' }),
    ]);
    expect(() => sut(board, zero)).toThrow(ModelValidationError);
  });

  it('returns an issue for an indicator the model does not use', () => {
    const model = { ...DEFAULT_MODEL, indicators: DEFAULT_MODEL.indicators.slice(0, 3) };
    expect(validateWeights(model, { staffing: 5 })).toEqual([
      expect.objectContaining({
        path: 'weights.staffing',
        messageEn: 'model gongkai-default@1.0.0 has no indicator "staffing"',
      }),
    ]);
  });
});
