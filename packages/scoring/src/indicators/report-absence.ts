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

/**
 * Nothing submitted (no report, no first submission) while the organization's deadline is still
 * open. Such an organization is not ranked yet: every indicator is `notApplicable` for it —
 * staffing too, even when its roster could be measured — so its score is null and it is listed
 * after the ranked ones. Once the deadline has passed (or when there is none) it is measured
 * as usual: what the report would have shown is missing and scores 0.
 */
export function awaitingReport(input: ScoringInput, context: MeasureContext): boolean {
  if (input.report !== null || toEpochMsOrNull(input.submission?.firstSubmittedAt) !== null)
    return false;
  const deadlineMs = toEpochMsOrNull(input.deadline);
  return deadlineMs !== null && context.asOfMs <= deadlineMs;
}
