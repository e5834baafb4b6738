import type { EntityManager } from 'typeorm';
import type { RoundRow } from '../rounds';
import { type BulkCheckPort, startBulkChecks } from './bulk-check.thread';
import type { PeerCorpusService } from './peer-corpus.service';

/** See `PeerCorpusService`: how late a change may commit and still be seen. */
const COMMIT_MARGIN = '10 minutes';

/** One ingest's checks: where they run and which counting version of each body they hold. */
export type Checks = {
  port: BulkCheckPort;
  held: Map<string, string>;
  /** Submissions changed at or after this instant (database clock) are looked at next batch. */
  horizon: Date;
};

/** The checks of an ingest, with the round's counting versions as their peer corpus. */
export async function startChecks(
  manager: EntityManager,
  peerCorpus: PeerCorpusService,
  round: RoundRow,
  threads: 0 | 1,
): Promise<Checks> {
  const [row] = (await manager.query(`SELECT now() - interval '${COMMIT_MARGIN}' AS horizon`)) as {
    horizon: Date;
  }[];
  const rows = await peerCorpus.countingProse(manager, round, null);
  const port = await startBulkChecks(round.year, threads);
  try {
    await port.load(
      rows.map((r) => ({
        organizationId: r.organization_id,
        versionId: r.version_id,
        sections: r.sections,
      })),
    );
  } catch (error) {
    await port.close();
    throw error;
  }
  return {
    port,
    held: new Map(rows.map((r) => [r.organization_id, r.version_id])),
    horizon: row!.horizon,
  };
}

/**
 * Brings the checks' corpus up to date with what other sessions saved since the last batch
 * (the bodies whose counting version is not the one held), as `PeerCorpusService` does per save.
 */
export async function followChanges(
  manager: EntityManager,
  peerCorpus: PeerCorpusService,
  checks: Checks,
  round: RoundRow,
): Promise<void> {
  const [row] = (await manager.query(
    `SELECT now() - interval '${COMMIT_MARGIN}' AS horizon,
            COALESCE((SELECT json_agg(json_build_array(organization_id,
                               COALESCE(submitted_version_id, current_version_id)))
                        FROM submissions
                       WHERE round_id = $1 AND updated_at >= $2), '[]'::json) AS changed`,
    [round.id, checks.horizon],
  )) as { horizon: Date; changed: [string, string | null][] }[];
  if (!row) return;
  checks.horizon = row.horizon;
  const stale = row.changed
    .filter(([organizationId, versionId]) => checks.held.get(organizationId) !== versionId)
    .map(([organizationId]) => organizationId);
  if (stale.length === 0) return;
  const rows = await peerCorpus.countingProse(manager, round, stale);
  const found = new Set(rows.map((r) => r.organization_id));
  const gone = stale.filter((id) => !found.has(id));
  for (const r of rows) checks.held.set(r.organization_id, r.version_id);
  for (const id of gone) checks.held.delete(id);
  await checks.port.remove(gone);
  await checks.port.load(
    rows.map((r) => ({
      organizationId: r.organization_id,
      versionId: r.version_id,
      sections: r.sections,
    })),
  );
}
