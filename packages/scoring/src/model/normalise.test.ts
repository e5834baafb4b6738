import { normaliseFixed, normaliseMinMax, normalisePercentile } from './normalise';

describe(normaliseFixed.name, () => {
  const bands = { kind: 'bands', breaks: [0, 3, 7], scores: [1, 0.8, 0.5, 0] } as const;

  it.each([
    [-1, 1],
    [0, 1],
    [0.5, 0.8],
    [3, 0.8],
    [7, 0.5],
    [7.01, 0],
    [1000, 0],
  ])('returns the band score of raw value %p (upper bounds inclusive)', (raw, expected) => {
    expect(normaliseFixed(bands, 'lowerIsBetter', raw)).toBe(expected);
  });

  it('returns a clamped line for linear normalisation, turned around when lower is better', () => {
    const linear = { kind: 'linear', min: -1, max: 1 } as const;
    expect(normaliseFixed(linear, 'higherIsBetter', 0)).toBe(0.5);
    expect(normaliseFixed(linear, 'higherIsBetter', 5)).toBe(1);
    expect(normaliseFixed(linear, 'lowerIsBetter', -1)).toBe(1);
  });
});

describe(normaliseMinMax.name, () => {
  it('returns 0 for the worst and 1 for the best of the group, NaN left alone', () => {
    const sut = normaliseMinMax(Float64Array.from([2, 4, NaN, 6]), 'higherIsBetter');
    expect(Array.from(sut)).toEqual([0, 0.5, NaN, 1]);
    expect(Array.from(normaliseMinMax(Float64Array.from([2, 4, 6]), 'lowerIsBetter'))).toEqual([
      1, 0.5, 0,
    ]);
  });

  it('returns 1 for everyone when all values are equal', () => {
    expect(Array.from(normaliseMinMax(Float64Array.from([3, 3]), 'lowerIsBetter'))).toEqual([1, 1]);
  });
});

describe(normalisePercentile.name, () => {
  it('returns mid-rank percentiles with ties sharing', () => {
    const sut = normalisePercentile(Float64Array.from([10, 20, 20, 30, NaN]), 'higherIsBetter');
    expect(Array.from(sut)).toEqual([0, 0.5, 0.5, 1, NaN]);
  });

  it('returns the reverse order when lower is better, and 1 for a group of one', () => {
    expect(
      Array.from(normalisePercentile(Float64Array.from([10, 20, 30]), 'lowerIsBetter')),
    ).toEqual([1, 0.5, 0]);
    expect(Array.from(normalisePercentile(Float64Array.from([7]), 'lowerIsBetter'))).toEqual([1]);
  });
});
