import type { Finding } from '../report.types';
import { NOT_APPLICABLE, valueOf, type IndicatorDefinition } from './indicator.types';
import { reportAbsence } from './report-absence';

/** Errors count 1, warnings 0.5. */
export function weightedFindingCount(counts: { error: number; warning: number }): number {
  return counts.error + 0.5 * counts.warning;
}

export function countBySeverity(findings: readonly Finding[]): { error: number; warning: number } {
  let error = 0;
  let warning = 0;
  for (const finding of findings) {
    if (finding.severity === 'error') error += 1;
    else if (finding.severity === 'warning') warning += 1;
  }
  return { error, warning };
}

/**
 * Relative reduction of weighted findings versus last year, in [−1, 1]: 1 when none are left,
 * (previous − current) ÷ previous otherwise, −1 when a clean year is followed by findings.
 */
export function improvementRatio(previous: number, current: number): number {
  if (current === 0) return 1;
  if (previous === 0) return -1;
  return Math.max(-1, Math.min(1, (previous - current) / previous));
}

export const improvementIndicator: IndicatorDefinition = {
  id: 'improvement',
  group: 'history',
  direction: 'higherIsBetter',
  labelZh: '较上年改进',
  labelEn: 'Improvement over last year',
  unitZh: '问题减少比例',
  unitEn: 'relative reduction of findings',
  descriptionZh:
    '加权问题数（错误1、警告0.5）较上年减少的比例，取值−1至1：本年无问题为1；上年无问题而本年有为−1；无上年数据时不适用。',
  descriptionEn:
    'Relative reduction of weighted findings (error 1, warning 0.5) versus last year, from −1 to 1: 1 when none are left, −1 when a clean year is followed by findings; not applicable without last year’s counts.',
  measure: (input, context) => {
    const previous = input.previous?.findingCounts;
    if (!previous) return NOT_APPLICABLE;
    if (input.report === null) return reportAbsence(input, context);
    const current = weightedFindingCount(countBySeverity(input.findings));
    return valueOf(improvementRatio(weightedFindingCount(previous), current));
  },
};
