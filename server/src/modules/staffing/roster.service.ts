import type { RosterSummary } from '@gongkai/scoring';
import { Injectable } from '@nestjs/common';
import { RosterQueries } from './roster-queries';

/**
 * The staffing module's face to scoring (`ROSTER_SUMMARY_PROVIDER`): roster counts per round and
 * organization, and the day rosters must have been updated since. Reads are `RosterQueries`,
 * report prefill `RosterPrefill`, edits `RosterCommands`; the resolvers call those directly.
 */
@Injectable()
export class RosterService {
  constructor(private readonly queries: RosterQueries) {}

  /** The scoring hook: counts only, organizations without a roster absent. */
  summaries(
    roundId: string,
    organizationIds: readonly string[],
  ): Promise<ReadonlyMap<string, RosterSummary>> {
    return this.queries.summariesFor(roundId, organizationIds);
  }

  /** The scoring hook: rosters must have been updated since the previous round was due. */
  updatedSince(roundId: string): Promise<string | null> {
    return this.queries.updatedSince(roundId);
  }

  /** Counts only, per organization (see `RosterQueries.summariesFor`). */
  summariesFor(
    roundId: string,
    organizationIds: readonly string[],
  ): Promise<Map<string, RosterSummary>> {
    return this.queries.summariesFor(roundId, organizationIds);
  }
}
