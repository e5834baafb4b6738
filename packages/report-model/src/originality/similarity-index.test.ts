import {
  bandKeys,
  estimateSimilarity,
  type Fingerprint,
  fingerprintText,
  MIN_SHINGLES,
} from './minhash';
import { findSimilarPairs, SimilarityIndex } from './similarity-index';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function words(next: () => number, length: number, alphabet = 1500): string {
  let out = '';
  for (let i = 0; i < length; i += 1)
    out += String.fromCharCode(0x4e00 + Math.floor(next() * alphabet));
  return out;
}

/**
 * Texts like a round's reports: boilerplate every text quotes (some of it), prose of its own,
 * planted copies of an earlier text with a share of it rewritten (so similarities fall on both
 * sides of the threshold), exact copies, and texts too short to judge.
 */
function corpus(seed: number, size: number): Fingerprint[] {
  const next = rng(seed);
  const boilerplate = Array.from({ length: 12 }, () => words(next, 40));
  const texts: string[] = [];
  for (let i = 0; i < size; i += 1) {
    const roll = next();
    let text: string;
    if (roll < 0.05) text = words(next, Math.floor(next() * 60));
    else if (roll < 0.35 && texts.length > 0) {
      const source = texts[Math.floor(next() * texts.length)]!;
      const kept = Math.floor(source.length * (0.25 + next() * 0.75));
      const from = Math.floor(next() * (source.length - kept + 1));
      text = source.slice(from, from + kept) + words(next, source.length - kept);
    } else if (roll < 0.4 && texts.length > 0) text = texts[Math.floor(next() * texts.length)]!;
    else {
      text = '';
      for (const sentence of boilerplate) if (next() < 0.7) text += sentence;
      text += words(next, 200 + Math.floor(next() * 900));
    }
    texts.push(text);
  }
  return texts.map(fingerprintText);
}

const KEYS = new WeakMap<Fingerprint, Uint32Array>();
function keysOf(fingerprint: Fingerprint): Uint32Array {
  let keys = KEYS.get(fingerprint);
  if (!keys) KEYS.set(fingerprint, (keys = bandKeys(fingerprint.signature)));
  return keys;
}

/** The rule itself, text by text: a shared band key and an estimate above the threshold. */
function direct(
  indexed: readonly Fingerprint[],
  query: Fingerprint,
  threshold: number,
): { id: number; similarity: number }[] {
  if (query.shingles < MIN_SHINGLES) return [];
  const keys = keysOf(query);
  const out: { id: number; similarity: number }[] = [];
  for (const [id, other] of indexed.entries()) {
    if (other.shingles < MIN_SHINGLES) continue;
    const theirs = keysOf(other);
    if (!keys.some((key, band) => key === theirs[band])) continue;
    const similarity = estimateSimilarity(query, other);
    if (similarity > threshold) out.push({ id, similarity });
  }
  return out;
}

describe(SimilarityIndex.name, () => {
  it.each([1, 2, 3, 4])(
    'finds exactly what comparing with every indexed text finds (corpus %i)',
    (seed) => {
      const fingerprints = corpus(seed, 400);
      const index = new SimilarityIndex();
      let found = 0;
      let nearThreshold = 0;
      for (const [j, fingerprint] of fingerprints.entries()) {
        const before = fingerprints.slice(0, j);
        for (const threshold of [0.5, 0.62, 0.3]) {
          const expected = direct(before, fingerprint, threshold);
          expect(index.query(fingerprint, threshold)).toEqual(expected);
          if (threshold === 0.5) {
            found += expected.length;
            nearThreshold += expected.filter((e) => e.similarity < 0.6).length;
          }
        }
        index.add(fingerprint);
      }
      // the corpus exercises the rule: many findings, some close to the threshold
      expect(found).toBeGreaterThan(50);
      expect(nearThreshold).toBeGreaterThan(0);
    },
  );

  it('answers queries as texts are added between them (ids in order of adding)', () => {
    const fingerprints = corpus(9, 120);
    const index = new SimilarityIndex();
    fingerprints.forEach((f) => index.add(f));
    const last = fingerprints[fingerprints.length - 1]!;
    expect(index.query(last, 0.5)).toEqual(direct(fingerprints, last, 0.5));
    expect(index.fingerprints).toHaveLength(120);
  });

  it('never finds a text too short to judge, nor finds anything for one', () => {
    const short = fingerprintText('政府信息公开工作年度报告');
    const index = new SimilarityIndex();
    index.add(short);
    expect(index.query(short, 0.5)).toEqual([]);
    expect(index.query(short, 0.1)).toEqual([]);
  });

  it('gives findSimilarPairs the pairs of the direct comparison', () => {
    const fingerprints = corpus(5, 200);
    const expected = fingerprints.flatMap((f, b) =>
      direct(fingerprints.slice(0, b), f, 0.5).map((hit) => ({
        a: hit.id,
        b,
        similarity: hit.similarity,
      })),
    );
    expect(expected.length).toBeGreaterThan(10);
    expect(findSimilarPairs(fingerprints)).toEqual(expected);
  });
});
