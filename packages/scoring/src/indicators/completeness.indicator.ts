import { findingUnits } from '../report-access';
import type { Finding } from '../report.types';
import { valueOf, type IndicatorDefinition } from './indicator.types';
import { reportAbsence } from './report-absence';

/** Penalty points per unit (a cell or section named by a finding) of each completeness rule. */
export const COMPLETENESS_PENALTIES: Readonly<Record<string, number>> = {
  'completeness.blankCells': 1,
  'completeness.sections': 5,
  'completeness.templateVersion': 10,
  'completeness.overviewTopics': 1,
};
const OTHER_COMPLETENESS_PENALTY = 1;

export function completenessPenalty(findings: readonly Finding[]): number {
  let points = 0;
  for (const finding of findings) {
    if (!finding.rule.startsWith('completeness.')) continue;
    const perUnit = COMPLETENESS_PENALTIES[finding.rule] ?? OTHER_COMPLETENESS_PENALTY;
    points += perUnit * findingUnits(finding);
  }
  return points;
}

/** Penalty points for blank cells, missing sections, a wrong template and overview gaps. */
export const completenessIndicator: IndicatorDefinition = {
  id: 'completeness',
  group: 'quality',
  direction: 'lowerIsBetter',
  labelZh: '要素完整',
  labelEn: 'Completeness',
  unitZh: '扣分点',
  unitEn: 'penalty points',
  descriptionZh:
    '每个空白单元格1点、每缺一个章节5点、模板版本不符10点、总体情况每缺一项要点1点（completeness.* 检查结果）。',
  descriptionEn:
    'Points from completeness.* findings: 1 per blank cell, 5 per missing section, 10 for the wrong template version, 1 per overview topic not covered.',
  measure: (input, context) =>
    input.report === null
      ? reportAbsence(input, context)
      : valueOf(completenessPenalty(input.findings)),
};
