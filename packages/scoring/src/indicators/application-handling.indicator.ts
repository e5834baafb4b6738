import { reportNumber } from '../report-access';
import { NOT_APPLICABLE, valueOf, type IndicatorDefinition } from './indicator.types';
import { reportAbsence } from './report-absence';

const CORRECTED_CELLS = [
  'reviewLitigation.review.corrected',
  'reviewLitigation.litigationDirect.corrected',
  'reviewLitigation.litigationAfterReview.corrected',
] as const;

/** Share of concluded applications granted in full or in part. */
export const applicationsGrantedIndicator: IndicatorDefinition = {
  id: 'applicationsGranted',
  group: 'applications',
  direction: 'higherIsBetter',
  labelZh: '申请公开率',
  labelEn: 'Applications granted',
  unitZh: '占比',
  unitEn: 'share',
  descriptionZh:
    '（予以公开＋部分公开）÷办理结果总计（旧模板：同意公开＋同意部分公开 ÷ 答复总数）；无申请时不适用。',
  descriptionEn:
    '(granted + partly granted) ÷ total concluded (legacy tables: granted + partial ÷ responses); not applicable without applications.',
  measure: (input, context) => {
    const report = input.report;
    if (report === null) return reportAbsence(input, context);
    const total = reportNumber(report, 'applications.total.total');
    if (total !== null) {
      const granted = reportNumber(report, 'applications.granted.total');
      const partly = reportNumber(report, 'applications.partiallyGranted.total');
      if (total === 0 || granted === null || partly === null) return NOT_APPLICABLE;
      return valueOf(Math.min(1, (granted + partly) / total));
    }
    const responses = reportNumber(report, 'legacyStats.responsesTotal.year');
    const granted = reportNumber(report, 'legacyStats.responsesGranted.year');
    if (responses === null || responses === 0 || granted === null) return NOT_APPLICABLE;
    const partly = reportNumber(report, 'legacyStats.responsesPartial.year') ?? 0;
    return valueOf(Math.min(1, (granted + partly) / responses));
  },
};

/** Share of the year's workload (new + carried over) still open at year end. */
export const applicationsBacklogIndicator: IndicatorDefinition = {
  id: 'applicationsBacklog',
  group: 'applications',
  direction: 'lowerIsBetter',
  labelZh: '结转积压',
  labelEn: 'Applications backlog',
  unitZh: '结转占比',
  unitEn: 'share carried forward',
  descriptionZh: '结转下年度继续办理 ÷（本年新收＋上年结转）；无申请或旧模板时不适用。',
  descriptionEn:
    'Carried forward ÷ (new + carried over); not applicable without applications or for legacy tables.',
  measure: (input, context) => {
    const report = input.report;
    if (report === null) return reportAbsence(input, context);
    const forward = reportNumber(report, 'applications.carriedForward.total');
    const received = reportNumber(report, 'applications.newReceived.total');
    const over = reportNumber(report, 'applications.carriedOver.total');
    if (forward === null || received === null || over === null || received + over === 0) {
      return NOT_APPLICABLE;
    }
    return valueOf(Math.min(1, forward / (received + over)));
  },
};

/** Decisions corrected in 行政复议 or lost in 行政诉讼 (result 纠正). */
export const correctedDecisionsIndicator: IndicatorDefinition = {
  id: 'correctedDecisions',
  group: 'applications',
  direction: 'lowerIsBetter',
  labelZh: '复议纠错与诉讼败诉',
  labelEn: 'Decisions corrected or lost',
  unitZh: '件',
  unitEn: 'cases',
  descriptionZh:
    '行政复议结果纠正与行政诉讼（直接起诉、复议后起诉）结果纠正的件数之和；旧模板不适用。',
  descriptionEn:
    'Cases whose result was 纠正 (corrected) in administrative review or litigation (direct and after review); not applicable for legacy tables.',
  measure: (input, context) => {
    const report = input.report;
    if (report === null) return reportAbsence(input, context);
    let cases = 0;
    let printed = false;
    for (const path of CORRECTED_CELLS) {
      const value = reportNumber(report, path);
      if (value !== null) {
        printed = true;
        cases += value;
      }
    }
    return printed ? valueOf(cases) : NOT_APPLICABLE;
  },
};
