import { daysLate, toEpochMsOrNull } from '../instant';
import { MISSING, NOT_APPLICABLE, valueOf, type IndicatorDefinition } from './indicator.types';

/** Days late of the first submission; `missing` when nothing was submitted by the deadline. */
export const timelinessIndicator: IndicatorDefinition = {
  id: 'timeliness',
  group: 'submission',
  direction: 'lowerIsBetter',
  labelZh: '按时报送',
  labelEn: 'Timeliness',
  unitZh: '逾期天数',
  unitEn: 'days late',
  descriptionZh:
    '首次报送晚于截止时间的天数（按北京时间自然日计）；截止后仍未报送记为缺报（0分）。',
  descriptionEn:
    'Days (Asia/Shanghai calendar days) by which the first submission missed the deadline; nothing submitted after the deadline counts as missing (scores 0).',
  measure: (input, context) => {
    const deadlineMs = toEpochMsOrNull(input.deadline);
    const submittedMs = toEpochMsOrNull(input.submission?.firstSubmittedAt);
    if (submittedMs !== null)
      return valueOf(deadlineMs === null ? 0 : daysLate(deadlineMs, submittedMs));
    if (deadlineMs !== null && context.asOfMs <= deadlineMs) return NOT_APPLICABLE;
    return MISSING;
  },
};
