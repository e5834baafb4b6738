import type { Flag } from '@gongkai/scoring';

/**
 * Flags of the organizations of a stored population result (`RankingResultsStore`), as the
 * ranking's row readers need them: the flags of a page's organizations, and a condition that
 * keeps the rows with a given flag.
 */
export interface ResultFlagsPort {
  /** Each listed organization's flags in the result (in `flagAll`'s order), absent when none. */
  flagsOf(
    resultId: string,
    organizationIds: readonly string[],
  ): Promise<ReadonlyMap<string, readonly Flag[]>>;
  /**
   * A SQL condition, true when the row aliased `alias` (columns `result_id`, `organization_id`)
   * has the flag whose id is the statement's parameter `parameter` (e.g. `$9`).
   */
  hasFlagSql(alias: string, parameter: string): string;
}

export const RESULT_FLAGS = Symbol('RESULT_FLAGS');
