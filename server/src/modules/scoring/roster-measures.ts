import type { DataSource } from 'typeorm';
import { expectedOrganizationsSql } from './ranking.sql';
import type { RosterSummaryProvider } from './scoring-source.reader';
import { rosterStaffingMeasure } from './version-inputs';

/** Staffing measured from an organization's roster, as the ranking statement's $6 holds it. */
export type RosterMeasure = { organization_id: string; st: number; val: number | null };

/** Roster summaries are asked for this many organizations at a time. */
const ROSTER_CHUNK = 1000;

/**
 * Staffing measured from the rosters of a round's expected organizations that have one: the
 * expected organizations (with their stored prose facts), one roster read per 1,000 of them, each
 * measured by the package (`rosterStaffingMeasure`). Read when a result is filled or a ranking
 * statement runs, never to find out whether a stored result is current (the `roster:<round>`
 * stamp says that).
 */
export async function readRosterMeasures(
  dataSource: DataSource,
  roster: Pick<RosterSummaryProvider, 'summaries'> | null,
  roundId: string,
  scopePattern: string,
): Promise<RosterMeasure[]> {
  if (!roster) return [];
  const expected = (await dataSource.query(expectedOrganizationsSql(), [
    roundId,
    scopePattern,
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
      const [st, val] = rosterStaffingMeasure(row.staffing ?? null, summary);
      out.push({ organization_id: row.id, st, val });
    }
  }
  return out;
}
