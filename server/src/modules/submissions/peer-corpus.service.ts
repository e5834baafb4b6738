import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RoundRow } from '../rounds';
import { RoundPeerCorpus } from './peer-corpus';
import { type PeerKeys, storedFingerprint } from './peer-keys';

/**
 * The peers of `originality.peer`, read from PostgreSQL for each check: the counting version
 * (submitted, else the latest draft) of every other organization of the round's expected
 * population is a peer, and a check compares the report with those sharing an LSH band key with
 * it — found by one query on the GIN index of `version_peer_keys`, whose stored signatures are
 * then compared as the whole round's index would compare them (`RoundPeerCorpus.ofCandidates`).
 * No process keeps a round of its own: what any process committed is in the next check of every
 * other. Every path that writes a version writes its keys in the same transaction
 * (`submissionCommands.addVersions`, the bulk path's writer); the versions stored before the
 * table are filled by the job `peer-keys-backfill`, sent at start while any is missing.
 */
@Injectable()
export class PeerCorpusService {
  /**
   * The corpus one check of `organizationId`'s report needs, read through `manager` (the save's
   * own transaction): the other bodies' counting versions that share a band key with `keys` —
   * the only ones the round's index would compare the report with.
   */
  async candidatesFor(
    manager: EntityManager,
    round: RoundRow,
    organizationId: string,
    keys: PeerKeys,
  ): Promise<RoundPeerCorpus> {
    const rows = (
      keys.bandKeys.length === 0
        ? []
        : await manager.query(CANDIDATES_SQL, [
            round.id,
            round.scopeOrganizationId,
            round.year,
            organizationId,
            keys.bandKeys,
          ])
    ) as { organization_id: string; version_id: string; signature: Buffer }[];
    return RoundPeerCorpus.ofCandidates(
      round.year,
      rows.map((r) => ({
        organizationId: r.organization_id,
        versionId: r.version_id,
        fingerprint: storedFingerprint(r.signature),
      })),
    );
  }

  /**
   * The counting versions' prose of the round's expected population (all of it, or `only` these
   * organizations), with the sections as JSON text, for a corpus built elsewhere (the bulk
   * path's checks, on a worker thread, for one ingest).
   */
  async countingProse(
    manager: EntityManager,
    round: RoundRow,
    only: readonly string[] | null,
  ): Promise<{ organization_id: string; version_id: string; sections: string | null }[]> {
    return manager.query(COUNTING_PROSE_SQL, [
      round.id,
      round.scopeOrganizationId,
      round.year,
      only,
    ]);
  }
}

/**
 * The other organizations' ($4 the one checked) counting versions in round $1 that share a band
 * key with $5, by organization: the GIN index's hits first (a few hundred in a round of 120,000),
 * then each hit's submission and organization by primary key — the round's expected population
 * ($2 its scope, $3 its year) is checked per hit, never scanned.
 */
const CANDIDATES_SQL =
  // paths are made of ids and slashes: no LIKE wildcards to escape
  `WITH hits AS MATERIALIZED (
     SELECT version_id, submission_id, signature FROM version_peer_keys
      WHERE band_keys && $5::int4[])
   SELECT s.organization_id, h.version_id, h.signature
     FROM hits h
     -- by primary key, hit by hit (OFFSET 0: not flattened into a hash join over the round)
     CROSS JOIN LATERAL (SELECT x.round_id, x.organization_id, x.submitted_version_id,
                               x.current_version_id
                          FROM submissions x WHERE x.id = h.submission_id OFFSET 0) s
     JOIN organization_directory o ON o.id = s.organization_id
    WHERE s.round_id = $1 AND s.organization_id <> $4
      AND h.version_id = COALESCE(s.submitted_version_id, s.current_version_id)
      AND o.path LIKE (SELECT path FROM organization_directory WHERE id = $2) || '%'
      AND o.reports
      AND (o.active_from_year IS NULL OR o.active_from_year <= $3)
      AND (o.active_to_year IS NULL OR o.active_to_year >= $3)
    ORDER BY s.organization_id`;

/** Counting versions of a round's expected population; $4 null for all, else these bodies. */
const COUNTING_PROSE_SQL = `SELECT s.organization_id, v.id AS version_id,
              (v.report -> 'sections')::text AS sections
         FROM organization_directory scope
         JOIN organization_directory o ON o.path LIKE scope.path || '%'
         JOIN submissions s ON s.organization_id = o.id AND s.round_id = $1
         JOIN submission_versions v ON v.id = COALESCE(s.submitted_version_id, s.current_version_id)
        WHERE scope.id = $2 AND o.reports
          AND (o.active_from_year IS NULL OR o.active_from_year <= $3)
          AND (o.active_to_year IS NULL OR o.active_to_year >= $3)
          AND ($4::uuid[] IS NULL OR o.id = ANY($4::uuid[]))`;
