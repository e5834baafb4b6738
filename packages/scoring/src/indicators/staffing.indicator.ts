import { valueOf, type IndicatorDefinition } from './indicator.types';
import { reportAbsence } from './report-absence';
import { resolveStaffing, type StaffingFacts } from './staffing-facts';

/**
 * Staffing points (0–1). With a roster: full-time staff 0.4, leading group 0.2, a training
 * 0.2, share of required posts filled × 0.2. With prose only: 0.5 / 0.25 / 0.25. A fact not
 * stated earns nothing.
 */
export function staffingPoints(facts: StaffingFacts): number {
  const dedicated = (facts.dedicatedStaff ?? 0) >= 1;
  const leadingGroup = facts.leadingGroup === true;
  const trained = (facts.trainings ?? 0) >= 1;
  if (facts.source === 'roster') {
    return (
      (dedicated ? 0.4 : 0) +
      (leadingGroup ? 0.2 : 0) +
      (trained ? 0.2 : 0) +
      0.2 * (facts.requiredPostsFilled ?? 0)
    );
  }
  return (dedicated ? 0.5 : 0) + (leadingGroup ? 0.25 : 0) + (trained ? 0.25 : 0);
}

export const staffingIndicator: IndicatorDefinition = {
  id: 'staffing',
  group: 'staffing',
  direction: 'higherIsBetter',
  labelZh: '机构人员',
  labelEn: 'Staffing',
  unitZh: '得分率',
  unitEn: 'share of points',
  descriptionZh:
    '有花名册时：专职人员0.4、领导小组0.2、业务培训0.2、必设岗位到岗率×0.2；否则按报告正文：专职人员0.5、领导小组0.25、培训0.25；未说明不得分。',
  descriptionEn:
    'With a roster: full-time staff 0.4, leading group 0.2, training 0.2, share of required posts filled × 0.2; otherwise from the report’s prose: dedicated staff 0.5, leading group 0.25, training 0.25. Facts not stated earn nothing.',
  measure: (input, context) => {
    const facts = resolveStaffing(input);
    return facts.source === 'none' ? reportAbsence(input, context) : valueOf(staffingPoints(facts));
  },
};
