import type { Finding } from '../report.types';
import { valueOf, type IndicatorDefinition } from './indicator.types';
import { reportAbsence } from './report-absence';

/**
 * The similarity ratio (0–1) an originality finding reports, read from `actual` (a percentage
 * above 1 is divided by 100); a finding without a number counts as the rule's 0.5 threshold.
 */
export function similarityRatio(finding: Finding): number {
  const actual = finding.actual;
  if (typeof actual !== 'number' || !Number.isFinite(actual) || actual < 0) return 0.5;
  return actual > 1 ? Math.min(1, actual / 100) : actual;
}

/** The highest similarity reported by originality.* findings; 0 when there are none. */
export function highestSimilarity(findings: readonly Finding[]): number {
  let highest = 0;
  for (const finding of findings) {
    if (finding.rule.startsWith('originality.'))
      highest = Math.max(highest, similarityRatio(finding));
  }
  return highest;
}

/** Copy-paste: similarity to last year's report or to a peer's report of the same round. */
export const originalityIndicator: IndicatorDefinition = {
  id: 'originality',
  group: 'quality',
  direction: 'lowerIsBetter',
  labelZh: '内容原创',
  labelEn: 'Originality',
  unitZh: '最高相似度',
  unitEn: 'highest similarity',
  descriptionZh: '与本单位上年报告或同批次其他单位报告的最高文字相似度（originality.*，0–1）。',
  descriptionEn:
    'Highest prose similarity to the body’s previous report or to another body’s report of the round (originality.*, 0–1).',
  measure: (input, context) =>
    input.report === null
      ? reportAbsence(input, context)
      : valueOf(highestSimilarity(input.findings)),
};
