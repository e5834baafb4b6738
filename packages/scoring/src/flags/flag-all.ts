import { toEpochMs } from '../instant';
import type { ScoringInput } from '../scoring-input.types';
import { contentFlags } from './content.flags';
import type { FlagOptions } from './flag-options';
import type { Flag } from './flag.types';
import { peerBandFlags, yearOnYearFlags } from './outlier.flags';
import { staffingFlags } from './staffing.flags';
import { submissionFlags } from './submission.flags';

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
