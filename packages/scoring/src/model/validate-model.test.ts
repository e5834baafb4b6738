import type { ModelIndicator, ScoringModel } from './scoring-model.types';
import { DEFAULT_MODEL } from './default.model';
import { assertValidModel, validateModel as sut } from './validate-model';
import { ModelValidationError } from './scoring-model.types';

function withIndicator(
  index: number,
  patch: Partial<ModelIndicator> | Record<string, unknown>,
): ScoringModel {
  return {
    ...DEFAULT_MODEL,
    indicators: DEFAULT_MODEL.indicators.map((entry, i) =>
      i === index ? ({ ...entry, ...patch } as ModelIndicator) : entry,
    ),
  };
}

function paths(model: ScoringModel): string[] {
  return sut(model).map((issue) => issue.path);
}

describe(sut.name, () => {
  it('returns no issues for the default model', () => {
    expect(sut(DEFAULT_MODEL)).toEqual([]);
  });

  it('returns an issue at the weight when a weight is negative', () => {
    const issues = sut(withIndicator(1, { weight: -5 }));
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'indicators[1].weight',
        messageEn: 'the weight must not be negative (-5)',
      }),
    ]);
    expect(issues[0]?.message).toContain('负数');
  });

  it('returns an issue when a weight is not a finite number', () => {
    expect(paths(withIndicator(0, { weight: Number.NaN }))).toEqual(['indicators[0].weight']);
  });

  it('returns an issue when all weights are zero', () => {
    const model = {
      ...DEFAULT_MODEL,
      indicators: DEFAULT_MODEL.indicators.map((e) => ({ ...e, weight: 0 })),
    };
    expect(sut(model)).toEqual([
      expect.objectContaining({
        path: 'indicators',
        messageEn: 'the weights must not all be zero',
      }),
    ]);
  });

  it('returns an issue for an unknown or repeated indicator', () => {
    expect(paths(withIndicator(2, { indicatorId: 'popularity' }))).toEqual([
      'indicators[2].indicatorId',
    ]);
    expect(
      paths(withIndicator(2, { indicatorId: 'timeliness', direction: 'lowerIsBetter' })),
    ).toEqual(['indicators[2].indicatorId']);
  });

  it('returns an issue when a direction contradicts the indicator', () => {
    expect(
      paths(withIndicator(0, { direction: 'higherIsBetter', normalisation: { kind: 'minMax' } })),
    ).toEqual(['indicators[0].direction']);
  });

  it.each([
    [{ kind: 'linear', min: 1, max: 1 }, ['indicators[5].normalisation.max']],
    [{ kind: 'linear', min: 0, max: Infinity }, ['indicators[5].normalisation']],
    [{ kind: 'bands', breaks: [], scores: [1] }, ['indicators[5].normalisation.breaks']],
    [
      { kind: 'bands', breaks: [0.5, 0.2], scores: [0, 0.5, 1] },
      ['indicators[5].normalisation.breaks[1]'],
    ],
    [{ kind: 'bands', breaks: [0.5], scores: [0, 0.5, 1] }, ['indicators[5].normalisation.scores']],
    [{ kind: 'bands', breaks: [0.5], scores: [0, 1.5] }, ['indicators[5].normalisation.scores[1]']],
    [{ kind: 'bands', breaks: [0.5], scores: [1, 0] }, ['indicators[5].normalisation.scores[1]']],
    [{ kind: 'zScore' }, ['indicators[5].normalisation.kind']],
  ])('returns an issue for the bad normalisation %p', (normalisation, expected) => {
    expect(paths(withIndicator(5, { normalisation }))).toEqual(expected);
  });

  it('returns issues for a missing id, version, date and indicator list', () => {
    const model = {
      ...DEFAULT_MODEL,
      id: '',
      version: ' ',
      publishedOn: '15/01/2025',
      indicators: [],
    };
    expect(paths(model)).toEqual(['id', 'version', 'publishedOn', 'indicators']);
  });

  it('returns every issue at once', () => {
    expect(paths(withIndicator(3, { weight: -1, indicatorId: 'nope' }))).toEqual([
      'indicators[3].indicatorId',
      'indicators[3].weight',
    ]);
  });
});

describe(assertValidModel.name, () => {
  it('throws a ModelValidationError carrying the issues when the model is invalid', () => {
    const bad = withIndicator(0, { weight: -1 });
    expect(() => assertValidModel(bad)).toThrow(ModelValidationError);
    try {
      assertValidModel(bad);
    } catch (error) {
      expect((error as ModelValidationError).issues).toHaveLength(1);
    }
  });
});
