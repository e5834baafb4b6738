import { readCanonicalJson } from './read-report-file';

describe(readCanonicalJson.name, () => {
  it('returns every schema error with its path, capped on one line', () => {
    const doc = {
      format: 'gongkai/annual-report@1',
      template: '2021',
      year: 2023,
      organization: { name: 'x' },
      sections: {},
      tables: {},
      a: 1,
      b: 2,
      c: 3,
      d: 4,
      e: 5,
      f: 6,
      g: 7,
    };
    const sut = readCanonicalJson(Buffer.from(JSON.stringify(doc)));
    expect(sut.ok).toBe(false);
    if (sut.ok) return;
    expect(sut.reason).toMatch(/^not a valid report: sections\.overview: /);
    expect(sut.reason).toMatch(/\(and \d+ more\)$/);
    expect(sut.reason).not.toContain('\n');
  });
});
