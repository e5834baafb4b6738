import { DomainErrorCode, errorDetails, notFound, notFoundKind } from './domain-error';

describe(notFound.name, () => {
  it('gives a plain not-found the reason notFound.<kind>, which the web translates', () => {
    const error = notFound('scoring model');
    expect(error.code).toBe(DomainErrorCode.NotFound);
    expect(error.message).toBe('scoring model not found');
    expect(errorDetails(error)).toEqual({ code: 'NOT_FOUND', reason: 'notFound.scoringModel' });
  });

  it('keeps a reason given to it', () => {
    const error = notFound('round', { key: 'rollup.nodeNotFound' });
    expect(errorDetails(error)).toEqual({ code: 'NOT_FOUND', reason: 'rollup.nodeNotFound' });
  });
});

describe(notFoundKind.name, () => {
  it.each([
    ['round', 'round'],
    ['scoring model', 'scoringModel'],
    ['account  sheet', 'accountSheet'],
  ])('%s → %s', (what, kind) => expect(notFoundKind(what)).toBe(kind));
});
