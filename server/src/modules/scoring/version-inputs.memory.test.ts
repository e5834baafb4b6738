import { asReadFromJsonb } from './version-inputs.memory';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The definition: every object copied with its keys shorter (UTF-8 bytes) first, then bytewise. */
function copiedInJsonbOrder(value: Json): Json {
  if (Array.isArray(value)) return value.map(copiedInJsonbOrder);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort((a, b) => {
    const x = Buffer.from(a, 'utf8');
    const y = Buffer.from(b, 'utf8');
    return x.length - y.length || Buffer.compare(x, y);
  });
  const out: { [key: string]: Json } = {};
  for (const key of keys) out[key] = copiedInJsonbOrder(value[key]!);
  return out;
}

function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state >>> 8;
  };
}

// ASCII, Chinese, integer-like and empty keys, a key outside the BMP, and `__proto__`
const KEYS = [
  'a',
  'b',
  'ab',
  'ba',
  'total',
  'natural',
  '年度',
  '报告',
  '0',
  '1',
  '10',
  '2',
  '',
  '𠀀',
  'Z',
  'é',
  '__proto__',
  'inForce',
  'issued',
];

function randomJson(next: () => number, depth: number): Json {
  const kind = depth > 3 ? next() % 4 : next() % 6;
  if (kind === 0) return null;
  if (kind === 1) return next() % 2 === 0;
  if (kind === 2) return (next() % 2000) / 8 - 50;
  if (kind === 3) return KEYS[next() % KEYS.length]!;
  if (kind === 4) return Array.from({ length: next() % 4 }, () => randomJson(next, depth + 1));
  const out: { [key: string]: Json } = {};
  const size = next() % 6;
  for (let i = 0; i < size; i += 1)
    Object.defineProperty(out, KEYS[next() % KEYS.length]!, {
      value: randomJson(next, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

describe(asReadFromJsonb.name, () => {
  it('gives the keys the order and the values of a copy in jsonb order, for text in any order', () => {
    const next = numbers(2026);
    let reordered = 0;
    for (let round = 0; round < 3000; round += 1) {
      const text = JSON.stringify(randomJson(next, 0));
      const expected = JSON.stringify(copiedInJsonbOrder(JSON.parse(text) as Json));
      if (expected !== text) reordered += 1;
      // twice: the second time the shapes are known
      expect(JSON.stringify(asReadFromJsonb(JSON.parse(text) as Json))).toBe(expected);
      expect(JSON.stringify(asReadFromJsonb(JSON.parse(text) as Json))).toBe(expected);
      // text already in jsonb order (as PostgreSQL writes it) reads the same
      expect(JSON.stringify(asReadFromJsonb(JSON.parse(expected) as Json))).toBe(expected);
    }
    expect(reordered).toBeGreaterThan(300);
  });

  it('keeps `__proto__` an own key, as parsed, or drops it as a copy does', () => {
    const text = '{"a":1,"__proto__":{"x":2},"b":[{"__proto__":3}]}';
    const sut = asReadFromJsonb(JSON.parse(text) as Json);
    expect(JSON.stringify(sut)).toBe(JSON.stringify(copiedInJsonbOrder(JSON.parse(text) as Json)));
  });
});
