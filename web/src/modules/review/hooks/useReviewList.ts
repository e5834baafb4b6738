import type { SubmissionStatus } from '../../../generated/graphql';

/** Statuses a reviewer decides on (approve or return). */
export const REVIEWABLE: readonly SubmissionStatus[] = ['SUBMITTED', 'RESUBMITTED'];
