import type { AnnualReport } from '../report/annual-report.types';
import type { Finding } from './finding.types';
import type { ReportText } from './report-text';

const PART_TIME_ONLY =
  /(?:没有|无|未配备|未设|尚无|缺少|缺乏)(?:设置)?专职|(?:皆|均|全部|都|仅)由\d*名?兼职|(?:工作人员|具体工作的)(?:均|都)?为兼职/;
const TRAINING = /(?:参加|举办|开展|组织|召开|参与)[^。；;]{0,20}?培训|培训\d+次/;

/** staffing.noDedicatedStaff: dedicatedStaff = 0, or the prose says only part-time staff do the work. */
export function noDedicatedStaffFindings(report: AnnualReport, text: ReportText): Finding[] {
  const dedicated = report.staffing?.dedicatedStaff;
  const quote = PART_TIME_ONLY.exec(text.all);
  if (dedicated !== 0 && !quote) return [];
  const partTime = report.staffing?.partTimeStaff;
  return [
    {
      rule: 'staffing.noDedicatedStaff',
      severity: 'warning',
      cells: dedicated === 0 ? ['staffing.dedicatedStaff'] : ['sections'],
      ...(dedicated === 0 ? { actual: 0 } : {}),
      message:
        dedicated === 0
          ? `未配备专职工作人员${partTime ? `（兼职${partTime}人）` : ''}`
          : `正文表明无专职工作人员（“${quote?.[0] ?? ''}”）`,
      messageEn:
        dedicated === 0
          ? `No dedicated disclosure staff${partTime ? ` (${partTime} part-time)` : ''}`
          : 'The prose says there is no dedicated disclosure staff',
    },
  ];
}

/** staffing.noTraining: trainings = 0, or not stated (neither in staffing nor in the prose). */
export function noTrainingFindings(report: AnnualReport, text: ReportText): Finding[] {
  const trainings = report.staffing?.trainings;
  if (trainings !== undefined && trainings !== null && trainings > 0) return [];
  if ((trainings === undefined || trainings === null) && TRAINING.test(text.all)) return [];
  return [
    {
      rule: 'staffing.noTraining',
      severity: 'info',
      cells: ['staffing.trainings'],
      ...(trainings === 0 ? { actual: 0 } : {}),
      message: trainings === 0 ? '本年未开展业务培训' : '报告未说明业务培训情况',
      messageEn: trainings === 0 ? 'No training this year' : 'No training stated',
    },
  ];
}
