import { toEpochMsOrNull } from '../instant';
import type { ScoringInput } from '../scoring-input.types';
import { MISSING, NOT_APPLICABLE, type MeasureContext, type Measurement } from './indicator.types';

/**
 * What a report-based indicator measures when there is no report: `missing` once the deadline
 * has passed (or when there is no deadline), `notApplicable` while it is still open.
 */
export function reportAbsence(input: ScoringInput, context: MeasureContext): Measurement {
  const deadlineMs = toEpochMsOrNull(input.deadline);
  return deadlineMs !== null && context.asOfMs <= deadlineMs ? NOT_APPLICABLE : MISSING;
}
