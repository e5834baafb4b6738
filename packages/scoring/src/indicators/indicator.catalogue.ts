import {
  applicationsBacklogIndicator,
  applicationsGrantedIndicator,
  correctedDecisionsIndicator,
} from './application-handling.indicator';
import { arithmeticIndicator } from './arithmetic.indicator';
import { completenessIndicator } from './completeness.indicator';
import type { IndicatorDefinition, IndicatorId } from './indicator.types';
import { improvementIndicator } from './improvement.indicator';
import { originalityIndicator } from './originality.indicator';
import { staffingIndicator } from './staffing.indicator';
import { textAgreementIndicator } from './text-agreement.indicator';
import { timelinessIndicator } from './timeliness.indicator';

/** Every indicator a model may use, by id. */
export const INDICATOR_CATALOGUE: Readonly<Record<IndicatorId, IndicatorDefinition>> = {
  timeliness: timelinessIndicator,
  completeness: completenessIndicator,
  arithmetic: arithmeticIndicator,
  textAgreement: textAgreementIndicator,
  originality: originalityIndicator,
  staffing: staffingIndicator,
  applicationsGranted: applicationsGrantedIndicator,
  applicationsBacklog: applicationsBacklogIndicator,
  correctedDecisions: correctedDecisionsIndicator,
  improvement: improvementIndicator,
};

export function isIndicatorId(id: string): id is IndicatorId {
  return Object.prototype.hasOwnProperty.call(INDICATOR_CATALOGUE, id);
}
