import { formatShanghaiMinute } from '@gongkai/report-model';
import type { EntityManager } from 'typeorm';
import { conflict } from '../../common/domain-error';

/**
 * Refuses to freeze a copy of the latest snapshot of the same population and model (same
 * inputs, same last-year ranks). Freezes of one population wait for each other here.
 */
export async function refuseCopy(
  manager: EntityManager,
  key: {
    roundId: string;
    regionId: string;
    peerGroup: string | null;
    scoringModelId: string;
    inputsHash: string;
    previousSnapshotId: string | null;
  },
): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
    `ranking-freeze:${key.roundId}:${key.regionId}:${key.peerGroup ?? ''}:${key.scoringModelId}`,
  ]);
  const latest = (await manager.query(
    `SELECT id, title, created_at, inputs_hash, previous_snapshot_id FROM ranking_snapshots
      WHERE round_id = $1 AND region_id = $2 AND peer_group IS NOT DISTINCT FROM $3
        AND scoring_model_id = $4
      ORDER BY created_at DESC, id DESC LIMIT 1`,
    [key.roundId, key.regionId, key.peerGroup, key.scoringModelId],
  )) as {
    title: string;
    created_at: Date;
    inputs_hash: string;
    previous_snapshot_id: string | null;
  }[];
  const last = latest[0];
  if (
    last &&
    last.inputs_hash === key.inputsHash &&
    last.previous_snapshot_id === key.previousSnapshotId
  ) {
    const date = formatShanghaiMinute(last.created_at);
    throw conflict(`nothing has changed since the snapshot of ${date}; not frozen again`, {
      key: 'ranking.snapshotUnchanged',
      params: { date, title: last.title },
    });
  }
}
