import { toEpochMs } from '../instant';
import type { ScoringInput } from '../scoring-input.types';
import { contentFlags } from './content.flags';
import type { FlagOptions } from './flag-options';
import type { Flag, FlagId } from './flag.types';
import { peerBandFlags, yearOnYearFlags } from './outlier.flags';
import { staffingFlags } from './staffing.flags';
import { submissionFlags } from './submission.flags';

/**
 * Flags that read nothing but the report, its findings and last year's report (content flags,
 * then year-on-year outliers): the same for a version whenever and for whomever it is judged.
 */
export function reportFlags(
  input: ScoringInput,
  /** `unchangedSimilarity` and `outliers` are read (no instant). */
  options: Partial<FlagOptions> = {},
): Flag[] {
  return [...contentFlags(input, options), ...yearOnYearFlags(input, options.outliers)];
}

/**
 * Flags that depend on the instant, the submission's dates or the roster (submission, then
 * staffing flags).
 */
export function timedFlags(input: ScoringInput, options: FlagOptions): Flag[] {
  const asOfMs = toEpochMs(options.asOf);
  return [...submissionFlags(input, asOfMs, options), ...staffingFlags(input, asOfMs, options)];
}

/** Every flag of one organization that needs no peers (all but `outlier.peerBand`). */
export function flagOrganization(input: ScoringInput, options: FlagOptions): Flag[] {
  const asOfMs = toEpochMs(options.asOf);
  return [
    ...submissionFlags(input, asOfMs, options),
    ...contentFlags(input, options),
    ...staffingFlags(input, asOfMs, options),
    ...yearOnYearFlags(input, options.outliers),
  ];
}

/** Each family's place in an organization's list: `flagOrganization`'s order, then peer bands. */
const FAMILY_PLACE: Readonly<Record<FlagId, number>> = {
  'timeliness.notSubmitted': 0,
  'timeliness.late': 0,
  'timeliness.returnedNotResubmitted': 0,
  'originality.unchanged': 1,
  'findings.openErrors': 1,
  'completeness.blankCells': 1,
  'staffing.noDedicatedStaff': 2,
  'staffing.noLeadingGroup': 2,
  'staffing.noTraining': 2,
  'staffing.postVacant': 2,
  'staffing.noFullTime': 2,
  'staffing.rosterNotUpdated': 2,
  'staffing.proseRosterMismatch': 2,
  'outlier.yearOnYear': 3,
  'outlier.peerBand': 4,
};

/** Flags of one family and one organization beyond this many are not ordered apart. */
const FAMILY_SPAN = 1000;

/**
 * Ordinals of one organization's flags computed in parts (`timedFlags`, `reportFlags`, its
 * `peerBandFlags`, each list as returned): sorting the union of the parts by ordinal gives the
 * order `flagAll` lists them in.
 */
export function flagOrdinals(flags: readonly Flag[]): number[] {
  return flags.map((flag, i) => FAMILY_PLACE[flag.id] * FAMILY_SPAN + Math.min(i, FAMILY_SPAN - 1));
}

/** Every flag of every organization, peer bands included, by organization id. */
export function flagAll(
  inputs: readonly ScoringInput[],
  options: FlagOptions,
): Map<string, Flag[]> {
  const byOrganization = new Map<string, Flag[]>();
  for (const input of inputs)
    byOrganization.set(input.organizationId, flagOrganization(input, options));
  for (const flag of peerBandFlags(inputs, options.outliers)) {
    byOrganization.get(flag.organizationId)?.push(flag);
  }
  return byOrganization;
}
