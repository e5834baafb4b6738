import { ruleFamily } from '../report-access';
import type { Finding } from '../report.types';
import { valueOf, type IndicatorDefinition } from './indicator.types';
import { reportAbsence } from './report-absence';

/** Rule families whose findings are about the tables' own arithmetic. */
export const ARITHMETIC_FAMILIES: ReadonlySet<string> = new Set([
  'applications',
  'reviewLitigation',
  'article20',
  'legacy',
]);

/** Errors count 1, warnings 0.5, info 0. */
export function arithmeticWeight(findings: readonly Finding[]): number {
  let points = 0;
  for (const finding of findings) {
    if (!ARITHMETIC_FAMILIES.has(ruleFamily(finding.rule))) continue;
    if (finding.severity === 'error') points += 1;
    else if (finding.severity === 'warning') points += 0.5;
  }
  return points;
}

/** Table identities that do not hold (totals, balance, roll-forward). */
export const arithmeticIndicator: IndicatorDefinition = {
  id: 'arithmetic',
  group: 'quality',
  direction: 'lowerIsBetter',
  labelZh: '数据准确',
  labelEn: 'Arithmetic integrity',
  unitZh: '加权问题数',
  unitEn: 'weighted findings',
  descriptionZh:
    '表格勾稽关系不成立的检查结果数：错误计1，警告计0.5（applications.*、reviewLitigation.*、article20.*、legacy.*）。',
  descriptionEn:
    'Findings about the tables’ own arithmetic (applications.*, reviewLitigation.*, article20.*, legacy.*): errors count 1, warnings 0.5.',
  measure: (input, context) =>
    input.report === null
      ? reportAbsence(input, context)
      : valueOf(arithmeticWeight(input.findings)),
};
