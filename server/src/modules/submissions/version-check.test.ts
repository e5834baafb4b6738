import fc from 'fast-check';
import { generateConsistentReport } from '@gongkai/report-model/testing';
import { canonicalJson, reportContentHash } from './version-check';

/** The first definition: one array per list and object, joined. */
function joined(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(joined).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${joined((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

describe(canonicalJson.name, () => {
  it('writes the same text as joining sorted keys, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(joined(value));
      }),
      { seed: 19, numRuns: 2000 },
    );
  });

  it('writes any number (NaN, -0, infinities, exponents) and any key as the joined form', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ unit: 'binary' }), fc.array(fc.double(), { maxLength: 4 })),
        (value) => {
          // twice: the second write uses the keys kept from the first
          expect(canonicalJson(value)).toBe(joined(value));
          expect(canonicalJson(value)).toBe(joined(value));
        },
      ),
      { seed: 23, numRuns: 500 },
    );
  });

  it('writes undefined members and sparse holes as the joined form did', () => {
    // eslint-disable-next-line no-sparse-arrays
    const value = { b: undefined, a: [1, , undefined, 'x'], c: { z: null, y: NaN } };
    expect(canonicalJson(value)).toBe(joined(value));
    expect(canonicalJson(value)).toBe('{"a":[1,,null,"x"],"b":null,"c":{"y":null,"z":null}}');
  });

  it('hashes a report by its content, not its key order', () => {
    const report = generateConsistentReport(4, '2021', 2024);
    const reordered = Object.fromEntries(Object.entries(report).reverse()) as typeof report;
    expect(reportContentHash(reordered)).toBe(reportContentHash(report));
    expect(reportContentHash(report)).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalJson(report)).toBe(joined(report));
  });
});
