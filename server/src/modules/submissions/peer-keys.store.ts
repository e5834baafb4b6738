import type { EntityManager } from 'typeorm';
import type { PeerKeysText } from './peer-keys';

/** Writes the keys of versions just stored (or backfilled): one statement for any number. */
export async function insertPeerKeys(
  manager: EntityManager,
  rows: readonly { versionId: string; submissionId: string; keys: PeerKeysText }[],
): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO version_peer_keys (version_id, submission_id, band_keys, signature)
     SELECT u.version_id, u.submission_id, u.keys::int4[], decode(u.signature, 'hex')
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])
            AS u(version_id, submission_id, keys, signature)
     ON CONFLICT (version_id) DO NOTHING`,
    [
      rows.map((r) => r.versionId),
      rows.map((r) => r.submissionId),
      rows.map((r) => r.keys.bandKeys),
      rows.map((r) => r.keys.signature),
    ],
  );
}

/** Versions without peer keys after `after` (by id), at most `limit`. */
export async function versionsWithoutKeys(
  manager: EntityManager,
  limit: number,
  after: string | null,
): Promise<string[]> {
  const rows = (await manager.query(
    `SELECT v.id FROM submission_versions v
      WHERE ($2::uuid IS NULL OR v.id > $2::uuid)
        AND NOT EXISTS (SELECT 1 FROM version_peer_keys k WHERE k.version_id = v.id)
      ORDER BY v.id LIMIT $1`,
    [limit, after],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}
