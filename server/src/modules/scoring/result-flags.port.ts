import type { Severity } from '@gongkai/report-model';
import type { Flag, FlagId } from '@gongkai/scoring';

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
  /**
   * A SQL expression: the flags of the organization `organization` (a column) in the result
   * whose id is the statement's parameter `parameter`, as text — `id severity` pairs joined by
   * commas, in `flagsOf`'s order (`flagListOf` reads it back) — or null when it has none.
   */
  flagListSql(parameter: string, organization: string): string;
}

/** The flags of a `flagListSql` text, in its order: id and severity each. */
export function flagListOf(text: string | null): { id: FlagId; severity: Severity }[] {
  if (text === null || text === '') return [];
  const out: { id: FlagId; severity: Severity }[] = [];
  let start = 0;
  while (start < text.length) {
    const space = text.indexOf(' ', start);
    let end = text.indexOf(',', space);
    if (end < 0) end = text.length;
    out.push({
      id: text.slice(start, space) as FlagId,
      severity: text.slice(space + 1, end) as Severity,
    });
    start = end + 1;
  }
  return out;
}

export const RESULT_FLAGS = Symbol('RESULT_FLAGS');
