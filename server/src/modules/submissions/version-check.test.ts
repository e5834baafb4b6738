import fc from 'fast-check';
import { generateConsistentReport } from '@gongkai/report-model/testing';
import { canonicalJson, canonicalJsonText, reportContentHash } from './version-check';

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

describe(canonicalJsonText.name, () => {
  it('holds the values JSON.stringify writes, for any JSON value in any key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const sut = canonicalJsonText(value);
        expect(sut.sameAsStringify).toBe(true);
        expect(sut.text).toBe(canonicalJson(value));
        expect(JSON.parse(sut.text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { seed: 29, numRuns: 2000 },
    );
  });

  it('says when JSON.stringify would write other values', () => {
    class Box {
      constructor(readonly x: number) {}
    }
    // eslint-disable-next-line no-sparse-arrays
    const sparse = [1, , 2];
    for (const value of [
      { a: undefined },
      [undefined],
      sparse,
      { at: new Date(0) },
      { f: () => 1 },
      { s: Symbol('s') },
      { j: { toJSON: () => 'x' } },
      { b: new Box(1) },
      { m: new Map([[1, 2]]) },
    ])
      expect(canonicalJsonText(value).sameAsStringify).toBe(false);
    const plain = { b: [1, 'x', true, null, { d: false }], a: Object.create(null) as object };
    expect(canonicalJsonText(plain)).toEqual({
      text: '{"a":{},"b":[1,"x",true,null,{"d":false}]}',
      sameAsStringify: true,
    });
  });

  it('is the text of a generated report with its keys sorted, as JSON.stringify holds it', () => {
    const report = generateConsistentReport(7, '2021', 2024);
    const sut = canonicalJsonText(report);
    expect(sut.sameAsStringify).toBe(true);
    expect(JSON.parse(sut.text)).toEqual(JSON.parse(JSON.stringify(report)));
    expect(sut.text).not.toBe(JSON.stringify(report));
  });
});
