import { valueOf, type IndicatorDefinition } from './indicator.types';
import { reportAbsence } from './report-absence';

/** Prose that contradicts the tables, miscounts, names the wrong year or another body. */
export const textAgreementIndicator: IndicatorDefinition = {
  id: 'textAgreement',
  group: 'quality',
  direction: 'lowerIsBetter',
  labelZh: '文表一致',
  labelEn: 'Text–table agreement',
  unitZh: '问题数',
  unitEn: 'findings',
  descriptionZh: '正文与表格不一致、正文计算错误、年份或主体错误的检查结果数（text.*）。',
  descriptionEn:
    'Findings where the prose contradicts the tables, miscounts, or names the wrong year or body (text.*).',
  measure: (input, context) => {
    if (input.report === null) return reportAbsence(input, context);
    let count = 0;
    for (const finding of input.findings) if (finding.rule.startsWith('text.')) count += 1;
    return valueOf(count);
  },
};
