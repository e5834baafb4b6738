import { generateConsistentReport } from '../testing/generate-report';
import type { AnnualReport } from '../report/annual-report.types';
import { SECTION_KEYS } from '../templates/template-definitions';
import {
  comparableText,
  estimateSimilarity,
  exactSimilarity,
  fingerprintReport,
  fingerprintText,
  jaccard,
  proseShingleHashes,
  sortedDistinct,
} from './minhash';
import { findSimilarPairs } from './similarity-index';

describe(findSimilarPairs.name, () => {
  it('returns the near-duplicate pairs of a corpus and not the independent reports', () => {
    const reports = Array.from({ length: 60 }, (_, i) =>
      generateConsistentReport(i + 1, '2021', 2023),
    );
    const copy = { ...reports[5]!, organization: { name: '另一单位' } };
    const fingerprints = [...reports, copy].map(fingerprintReport);
    const sut = findSimilarPairs(fingerprints);
    expect(sut).toEqual([{ a: 5, b: 60, similarity: 1 }]);
  });
});

describe(estimateSimilarity.name, () => {
  it('returns an estimate close to the exact Jaccard similarity', () => {
    const a = generateConsistentReport(1, '2021', 2023);
    const text = Object.values(a.sections).join('');
    const half = text.slice(0, Math.floor(text.length * 0.6));
    const x = fingerprintText(text);
    const y = fingerprintText(
      `${half}${Object.values(generateConsistentReport(2, '2021', 2023).sections).join('')}`,
    );
    const exact = exactSimilarity(x, y);
    expect(exact).toBeGreaterThan(0.2);
    expect(Math.abs(estimateSimilarity(x, y) - exact)).toBeLessThan(0.15);
  });

  it('returns 0 for empty text', () => {
    expect(estimateSimilarity(fingerprintText(''), fingerprintText('政府信息公开工作'))).toBe(0);
  });
});

describe(proseShingleHashes.name, () => {
  it("equals the hashes of the report's fingerprint, computed or not yet", () => {
    for (const seed of [1, 2, 3]) {
      const report = generateConsistentReport(seed, '2021', 2023);
      const copy = structuredClone(report);
      const alone = proseShingleHashes(copy);
      expect(alone.length).toBeGreaterThan(0);
      expect([...alone]).toEqual([...fingerprintReport(report).hashes]);
      // a report already fingerprinted gives its fingerprint's
      expect(proseShingleHashes(report)).toBe(fingerprintReport(report).hashes);
      expect(proseShingleHashes(copy)).toBe(alone);
    }
  });
});

describe(sortedDistinct.name, () => {
  it('equals the distinct values sorted through a Set, on random hashes with repeats', () => {
    let seed = 12345;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    for (const size of [0, 1, 2, 7, 100, 255, 256, 1200, 5000]) {
      // a small range forces repeats; the full range covers values above 2^31
      for (const range of [50, 2 ** 32]) {
        const hashes = Uint32Array.from({ length: size }, () => next() % range);
        const expected = Uint32Array.from(new Set(hashes)).sort();
        expect([...sortedDistinct(hashes)]).toEqual([...expected]);
      }
    }
  });

  it('gives exact similarity computed from the distinct sorted shingles', () => {
    const a = fingerprintText('甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥'.repeat(3));
    const b = fingerprintText('甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄');
    const x = new Set(a.exact());
    const y = new Set(b.exact());
    const common = [...x].filter((h) => y.has(h)).length;
    expect(exactSimilarity(a, b)).toBeCloseTo(common / (x.size + y.size - common), 12);
    expect(a.exact().length).toBe(x.size);
  });
});

/** A deterministic generator of 32-bit values for the random cases below. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state;
  };
}

describe(comparableText.name, () => {
  // the definition, as one expression per step
  const direct = (text: string) =>
    text.replace(/[\s\p{P}\p{S}]+/gu, '').replace(/[0-9０-９]/g, '0');
  // letters, digits of both widths, punctuation and symbols of both widths, every kind of space,
  // emoji and other characters outside the BMP (as pairs), and lone halves of pairs
  const pool = [
    ...'政府信息公开工作年度报告abcXYZ0123456789０１２３４５６７８９',
    ...'，。、；：？！“”‘’《》（）【】—…·,.;:?!"\'()[]{}-_/\\@#%&*+=<>|~^$￥©®°±×÷',
    ...' \t\n\r\u3000\u00a0\u2002\u200b\ufeff\u2028\u0085',
    '😀',
    '👍',
    '𠀀',
    '𝟘',
    '\ud800',
    '\udc00',
    '\udbff',
  ];
  it('equals the two replacements on random prose, section by section', () => {
    const next = numbers(777);
    for (let round = 0; round < 400; round += 1) {
      const sections: Record<string, string> = {};
      for (const key of SECTION_KEYS) {
        if (next() % 5 === 0) continue;
        let text = '';
        const length = next() % 300;
        for (let i = 0; i < length; i += 1) text += pool[next() % pool.length];
        sections[key] = text;
      }
      const report = { sections } as unknown as AnnualReport;
      const joined = SECTION_KEYS.map((key) => sections[key] ?? '').join('');
      expect(comparableText(report)).toBe(direct(joined));
    }
  });

  it('equals them on long generated reports', () => {
    for (const seed of [1, 2, 3]) {
      const report = generateConsistentReport(seed, '2021', 2023);
      const joined = SECTION_KEYS.map((key) => report.sections[key] ?? '').join('');
      expect(comparableText(report)).toBe(direct(joined));
      expect(comparableText(report).length).toBeGreaterThan(500);
    }
  });
});

describe(jaccard.name, () => {
  // the definition: distinct values of each, merged in order
  const direct = (x: Uint32Array, y: Uint32Array) => {
    const a = sortedDistinct(x);
    const b = sortedDistinct(y);
    if (a.length === 0 || b.length === 0) return 0;
    let i = 0;
    let j = 0;
    let common = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) {
        common += 1;
        i += 1;
        j += 1;
      } else if (a[i]! < b[j]!) i += 1;
      else j += 1;
    }
    return common / (a.length + b.length - common);
  };

  it('equals the merge of the sorted distinct values, on random lists with repeats and overlap', () => {
    const next = numbers(4242);
    for (const [m, n] of [
      [0, 0],
      [0, 5],
      [1, 1],
      [7, 300],
      [1200, 1100],
      [5000, 40],
      [3000, 3000],
    ] as const) {
      for (const range of [60, 5000, 2 ** 32]) {
        const x = Uint32Array.from({ length: m }, () => next() % range);
        // y shares a part of x's values and repeats some of its own
        const y = Uint32Array.from({ length: n }, (_, i) =>
          m > 0 && i % 3 === 0 ? x[next() % m]! : next() % range,
        );
        expect(jaccard(x, y)).toBe(direct(x, y));
        expect(jaccard(y, x)).toBe(direct(y, x));
      }
    }
  });

  it('gives exactSimilarity of reports as before: their sorted distinct shingles merged', () => {
    const a = fingerprintReport(generateConsistentReport(5, '2021', 2023));
    const b = fingerprintText(comparableText(generateConsistentReport(5, '2021', 2024)));
    const sut = exactSimilarity(a, b);
    expect(sut).toBe(direct(a.hashes, b.hashes));
    expect(sut).toBeGreaterThan(0);
    expect(exactSimilarity(a, a)).toBe(1);
  });
});
