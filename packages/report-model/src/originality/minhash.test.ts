import { generateConsistentReport } from '../testing/generate-report';
import {
  estimateSimilarity,
  exactSimilarity,
  findSimilarPairs,
  fingerprintReport,
  fingerprintText,
} from './minhash';

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
