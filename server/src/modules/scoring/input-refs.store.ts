import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ROUND_STAMPS_SQL } from './current-inputs.reader';
import { KEEP_INPUT_REFS_SQL } from './frozen-rows.sql';

/** What the statement keeping a round's inputs may use to sort and join in memory. */
const KEEP_WORK_MEM = '64MB';

/** The advisory lock of a round's kept inputs ($1 round): a freeze reading them shares it. */
const LOCK_KEY = `hashtextextended('round_input_refs:' || $1::uuid::text, 0)`;

/**
 * Every round whose ranking is read (a stored result asked for in the last 7 days) and whose
 * kept inputs are missing or computed under other change counters than now, once its changes
 * have settled for 3 s ($1 the instant).
 */
const STALE_SQL = `
SELECT r.id AS round_id
  FROM round_directory r
  LEFT JOIN round_input_refs h ON h.round_id = r.id
 WHERE r.id IN (SELECT round_id FROM ranking_results
                 WHERE requested_at > $1::timestamptz - interval '7 days')
   AND (h.stamps IS NULL OR h.stamps <> ${ROUND_STAMPS_SQL})
   AND NOT EXISTS (SELECT 1 FROM scoring_stamps s
                    WHERE s.scope IN ('round:' || r.id::text, 'roster:' || r.id::text, 'organizations')
                      AND s.changed_at > now() - interval '3 seconds')
 ORDER BY r.id`;

/**
 * Each organization's `InputRef` of a round (without its roster), its digest and the fields of
 * its frozen row, kept ahead of a freeze (`round_input_refs`, `round_input_ref_rows`) under the
 * change counters they were computed under (`ROUND_STAMPS_SQL`, read before the inputs: a change
 * committed meanwhile moves a counter, so the set is never taken for newer data). A freeze whose
 * counters are the set's stages its members from it (`STAGE_KEPT_ROWS_SQL`) instead of building
 * 120,000 canonical texts, digests and jsonb values; any other freeze builds them
 * (`STAGE_ROWS_SQL`). Kept by the background job of `RankingResultsFill` for the rounds that are
 * read.
 */
@Injectable()
export class InputRefsStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Rounds whose kept inputs are to be computed again (see `STALE_SQL`). */
  async stale(asOf: Date): Promise<string[]> {
    const rows = (await this.dataSource.query(STALE_SQL, [asOf])) as { round_id: string }[];
    return rows.map((row) => row.round_id);
  }

  /**
   * Computes and keeps a round's inputs unless the kept set is current; null when it is, when
   * the round does not exist, or when a freeze is reading the set or another process is
   * keeping it (the next sweep tries again). Otherwise the counters and how many were kept.
   */
  async refresh(roundId: string): Promise<{ stamps: string; count: number } | null> {
    return this.dataSource.transaction(async (manager) => {
      const [locked] = (await manager.query(
        `SELECT pg_try_advisory_xact_lock(${LOCK_KEY}) AS locked`,
        [roundId],
      )) as { locked: boolean }[];
      if (!locked?.locked) return null;
      const [round] = (await manager.query(
        `SELECT ${ROUND_STAMPS_SQL} AS stamps, sc.path, h.stamps AS kept
           FROM round_directory r
           JOIN organization_directory sc ON sc.id = r.scope_organization_id
           LEFT JOIN round_input_refs h ON h.round_id = r.id
          WHERE r.id = $1`,
        [roundId],
      )) as { stamps: string; path: string; kept: string | null }[];
      if (!round || round.kept === round.stamps) return null;
      await manager.query(`SET LOCAL work_mem = '${KEEP_WORK_MEM}'`);
      await manager.query('DELETE FROM round_input_refs WHERE round_id = $1', [roundId]);
      await manager.query(
        `INSERT INTO round_input_refs (round_id, stamps, member_count) VALUES ($1, $2, 0)`,
        [roundId, round.stamps],
      );
      const [kept] = (await manager.query(
        `WITH kept AS (${KEEP_INPUT_REFS_SQL} RETURNING 1) SELECT count(*)::int AS n FROM kept`,
        [roundId, round.path, null, null],
      )) as { n: number }[];
      const count = kept?.n ?? 0;
      await manager.query('UPDATE round_input_refs SET member_count = $2 WHERE round_id = $1', [
        roundId,
        count,
      ]);
      return { stamps: round.stamps, count };
    });
  }

  /**
   * In a freeze's transaction: whether the round's kept inputs were computed under `stamps`
   * (the counters the freeze read before its inputs), holding them (a shared advisory lock, so
   * that they are not replaced) until the transaction ends.
   */
  async holdCurrent(manager: EntityManager, roundId: string, stamps: string): Promise<boolean> {
    await manager.query(`SELECT pg_advisory_xact_lock_shared(${LOCK_KEY})`, [roundId]);
    const found = (await manager.query(
      'SELECT 1 FROM round_input_refs WHERE round_id = $1 AND stamps = $2',
      [roundId, stamps],
    )) as unknown[];
    return found.length > 0;
  }
}
