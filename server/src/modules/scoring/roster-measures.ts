import type { RosterSummary } from '@gongkai/scoring';
import type { DataSource } from 'typeorm';
import { expectedOrganizationsSql, ROSTERED_ORGANIZATIONS_SQL } from './ranking.sql';
import type { RosterSummaryProvider } from './scoring-source.reader';
import { rosterStaffingMeasure } from './version-inputs';

/** Staffing measured from an organization's roster, as the ranking statement's $6 holds it. */
export type RosterMeasure = { organization_id: string; st: number; val: number | null };

/** What a stored result's fill reads of the rosters: measures for scores, summaries for flags. */
export type RosterReading = {
  readonly measures: readonly RosterMeasure[];
  readonly summaries: ReadonlyMap<string, RosterSummary>;
  /** `staffing.rosterNotUpdated`: rosters must have been updated at or after this instant. */
  readonly updatedSince: string | null;
};

/** Roster summaries are asked for this many organizations at a time. */
const ROSTER_CHUNK = 1000;

/**
 * Staffing measured from the rosters of a round's expected organizations that have one: the
 * organizations with a post held or vacant or a roster edit (`ROSTERED_ORGANIZATIONS_SQL`) among
 * the expected ones (with their stored prose facts), one roster read per 1,000 of them, each
 * measured by the package (`rosterStaffingMeasure`). Read when a result is filled or a ranking
 * statement runs, never to find out whether a stored result is current (the `roster:<round>`
 * stamp says that). The summaries read are added to `summariesOut` when given.
 */
export async function readRosterMeasures(
  dataSource: DataSource,
  roster: Pick<RosterSummaryProvider, 'summaries'> | null,
  roundId: string,
  scopePattern: string,
  summariesOut?: Map<string, RosterSummary>,
): Promise<RosterMeasure[]> {
  if (!roster) return [];
  const rostered = (await dataSource.query(ROSTERED_ORGANIZATIONS_SQL, [scopePattern])) as {
    id: string;
  }[];
  if (rostered.length === 0) return [];
  const expected = (await dataSource.query(expectedOrganizationsSql(), [
    roundId,
    scopePattern,
    rostered.map((row) => row.id),
  ])) as { id: string; staffing: Parameters<typeof rosterStaffingMeasure>[0] }[];
  const out: RosterMeasure[] = [];
  for (let start = 0; start < expected.length; start += ROSTER_CHUNK) {
    const chunk = expected.slice(start, start + ROSTER_CHUNK);
    const summaries = await roster.summaries(
      roundId,
      chunk.map((row) => row.id),
    );
    for (const row of chunk) {
      const summary = summaries.get(row.id);
      if (!summary) continue;
      summariesOut?.set(row.id, summary);
      const [st, val] = rosterStaffingMeasure(row.staffing ?? null, summary);
      out.push({ organization_id: row.id, st, val });
    }
  }
  return out;
}

/** Reads, when called, everything a round's fill needs of the rosters. */
export function rosterReading(
  dataSource: DataSource,
  roster: RosterSummaryProvider | null,
  roundId: string,
  scopePattern: string,
): () => Promise<RosterReading> {
  return async () => {
    const summaries = new Map<string, RosterSummary>();
    const [measures, updatedSince] = await Promise.all([
      readRosterMeasures(dataSource, roster, roundId, scopePattern, summaries),
      roster?.updatedSince?.(roundId) ?? null,
    ]);
    return { measures, summaries, updatedSince };
  };
}
