import { generateConsistentReport } from '../testing/generate-report';
import {
  estimateSimilarity,
  exactSimilarity,
  fingerprintReport,
  fingerprintText,
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
