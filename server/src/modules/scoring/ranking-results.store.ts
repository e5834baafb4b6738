import { createHash } from 'node:crypto';
import type { ScoringModel } from '@gongkai/scoring';
import { Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { requestScope } from '../../common/request-budget';
import { measureArraysSql, PEER_GROUP_SQL, rankingSql, roundSourceSql } from './ranking.sql';
import { ResultFlagsStore, rosterFlagsDigest, type FlagsKey } from './result-flags.store';

/** What a stored population result is computed from (see `RankingResultsStore.current`). */
export type ResultKey = {
  readonly roundId: string;
  /** Row id of the scoring model version. */
  readonly modelId: string;
  readonly model: ScoringModel;
  /** `LIKE` pattern of the round scope's subtree. */
  readonly roundScopePattern: string;
  readonly asOf: Date;
  /** Staffing measured from rosters (`[{ organization_id, st, val }]`), as the statement's $6. */
  readonly rosterMeasures: readonly { organization_id: string; st: number; val: number | null }[];
} & Pick<FlagsKey, 'rosters' | 'rosterUpdatedSince'>;

export type StoredResult = {
  readonly id: string;
  readonly organizationCount: number;
  /** The scoring instant the result was computed for. */
  readonly asOf: Date;
};

const RANKING_WORK_MEM = '64MB';

/**
 * The key of a result: the round, the model version, the round's and the hierarchy's change
 * counters (`scoring_stamps`, bumped by triggers), the Asia/Shanghai day of the scoring instant
 * (what depends on the instant — a deadline passed — changes at Shanghai midnight only) and the
 * digest of the roster staffing. $1 round, $2 model, $3 instant, $4 roster digest.
 */
const KEY_SQL = `
  r.round_id = $1::uuid AND r.scoring_model_id = $2::uuid
  AND r.day = ($3::timestamptz AT TIME ZONE 'Asia/Shanghai')::date AND r.roster_digest = $4
  AND r.round_stamp = COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'round:' || $1::uuid::text), 0)
  AND r.organizations_stamp = COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'organizations'), 0)`;

const LOOKUP_SQL = `SELECT r.id, r.organization_count, r.as_of FROM ranking_results r WHERE ${KEY_SQL}`;

/**
 * Stored population results: a round scored and ranked once by the SQL ranking statement
 * (`ranking.sql.ts`) with one `INSERT … SELECT`, kept in PostgreSQL per key (above) and read
 * by every population of the round — a region subtree × peer group is a range of an index over
 * the stored rows, ranked among themselves by a window over the stored cents (scores do not
 * depend on the population: peer-relative normalisations are over the whole round). Any process
 * sees the same result; a change bumps a stamp, and the next request computes a new one.
 * Concurrent fills of one round × model wait on an advisory lock and find the first one's
 * result; a fill deletes the round × model's older results in its transaction.
 */
@Injectable()
export class RankingResultsStore {
  private readonly flags: ResultFlagsStore;

  constructor(
    private readonly dataSource: DataSource,
    @Optional() flags?: ResultFlagsStore,
  ) {
    this.flags = flags ?? new ResultFlagsStore(dataSource);
  }

  /** The current result of `key`, computed now when none is stored. */
  async current(key: ResultKey): Promise<StoredResult> {
    const params = [key.roundId, key.modelId, key.asOf, rosterDigest(key)];
    const found = await lookup(this.dataSource.manager, params);
    if (found) return found;
    // shared work every request of the round reads: run outside the asking request's time
    // budget, so that a request that gives up does not cancel (and waste) a fill under way
    return requestScope.exit(() => this.fill(key, params));
  }

  private fill(key: ResultKey, params: unknown[]): Promise<StoredResult> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `SELECT pg_advisory_xact_lock(hashtextextended('ranking_results:' || $1::text || ':' || $2::text, 0))`,
        [key.roundId, key.modelId],
      );
      const filled = await lookup(manager, params);
      if (filled) return filled;
      await manager.query(`SET LOCAL work_mem = '${RANKING_WORK_MEM}'`);
      await manager.query(
        'DELETE FROM ranking_results WHERE round_id = $1 AND scoring_model_id = $2',
        [key.roundId, key.modelId],
      );
      const [header] = (await manager.query(
        `INSERT INTO ranking_results (round_id, scoring_model_id, round_stamp, organizations_stamp,
                                      day, roster_digest, as_of)
         VALUES ($1::uuid, $2::uuid,
                 COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'round:' || $1::uuid::text), 0),
                 COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'organizations'), 0),
                 ($3::timestamptz AT TIME ZONE 'Asia/Shanghai')::date, $4, $3::timestamptz)
         RETURNING id`,
        params,
      )) as { id: string }[];
      const id = header!.id;
      // the whole round is the population: ranks, ties and list positions of the round, and of
      // each peer group of the round (populations asked for often, ranked here once)
      await manager.query(
        `INSERT INTO ranking_result_rows (result_id, list_position, organization_id, cents, rank,
                                          tied, path, peer_group, peer_position, peer_rank,
                                          peer_tied, statuses, raws, norms)
         SELECT $7::uuid, r.list_position, r.organization_id, r.cents, r.rank, r.tied, r.path,
                r.peer_group,
                row_number() OVER (PARTITION BY r.peer_group ORDER BY r.list_position)::int,
                CASE WHEN r.cents IS NOT NULL
                     THEN rank() OVER (PARTITION BY r.peer_group ORDER BY r.cents DESC NULLS LAST) END::int,
                (r.cents IS NOT NULL AND count(*) OVER (PARTITION BY r.peer_group, r.cents) > 1),
                r.statuses, r.raws, r.norms
           FROM (SELECT ranked.organization_id, ranked.cents, ranked.rank, ranked.tied,
                        ranked.list_position,
                        ${measureArraysSql(key.model.indicators.length, 'ranked')},
                        o.path, ${PEER_GROUP_SQL} AS peer_group
                   FROM (${rankingSql(key.model, roundSourceSql())}) ranked
                   JOIN organizations o ON o.id = ranked.organization_id
                   LEFT JOIN organizations p ON p.id = o.parent_id) r`,
        [
          key.roundId,
          key.roundScopePattern,
          null,
          key.asOf,
          key.roundScopePattern,
          JSON.stringify(key.rosterMeasures),
          id,
        ],
      );
      // every flag of every organization of the round (`ranking_result_flags`)
      await this.flags.fill(manager, id, key);
      // counts of the round and of each peer group ([organizations, ranked]), read by pages
      const [counted] = (await manager.query(
        `WITH updated AS (
         UPDATE ranking_results r
            SET organization_count = c.n, ranked_count = c.ranked, peer_counts = c.peers
           FROM (SELECT COALESCE(sum(g.n), 0)::int AS n, COALESCE(sum(g.ranked), 0)::int AS ranked,
                        COALESCE(jsonb_object_agg(g.peer_group, jsonb_build_array(g.n, g.ranked)),
                                 '{}') AS peers
                   FROM (SELECT peer_group, count(*)::int AS n, count(rank)::int AS ranked
                           FROM ranking_result_rows WHERE result_id = $1
                          GROUP BY peer_group) g) c
          WHERE r.id = $1 RETURNING r.organization_count, r.as_of)
         SELECT organization_count, as_of FROM updated`,
        [id],
      )) as { organization_count: number; as_of: Date }[];
      return { id, organizationCount: counted!.organization_count, asOf: counted!.as_of };
    });
  }
}

async function lookup(manager: EntityManager, params: unknown[]): Promise<StoredResult | null> {
  const rows = (await manager.query(LOOKUP_SQL, params)) as {
    id: string;
    organization_count: number;
    as_of: Date;
  }[];
  const row = rows[0];
  return row ? { id: row.id, organizationCount: row.organization_count, asOf: row.as_of } : null;
}

/** Digest of the roster staffing measures and of what the flags read of the rosters. */
function rosterDigest(key: ResultKey): string {
  const sorted = [...key.rosterMeasures].sort((a, b) =>
    a.organization_id < b.organization_id ? -1 : a.organization_id > b.organization_id ? 1 : 0,
  );
  return createHash('sha1')
    .update(JSON.stringify(sorted))
    .update(rosterFlagsDigest(key.rosters, key.rosterUpdatedSince))
    .digest('hex');
}

/**
 * A population of a stored result ranked among itself, as the ranking statement ranks it: $1
 * result id, $2 region path pattern, $3 peer group (null = all). Columns organization_id,
 * peer_group, cents, score, rank, tied, list_position.
 */
export const POPULATION_SQL = `
SELECT x.organization_id, x.peer_group, x.cents, x.cents / 100::float8 AS score,
       CASE WHEN x.cents IS NOT NULL THEN rank() OVER (ORDER BY x.cents DESC NULLS LAST) END::int AS rank,
       (x.cents IS NOT NULL AND count(*) OVER (PARTITION BY x.cents) > 1) AS tied,
       row_number() OVER (ORDER BY x.list_position)::int AS list_position
  FROM ranking_result_rows x
 WHERE x.result_id = $1 AND x.path LIKE $2 AND ($3::text IS NULL OR x.peer_group = $3)`;

/**
 * Which stored ranks a population reads: the whole round's, the whole round's peer group's, or
 * none (a region subtree, ranked among itself by `POPULATION_SQL`).
 */
export type StoredPopulation = 'round' | 'peerGroup' | 'subtree';

/** What a page reads besides the population: display filters and the direction. */
export type PageShape = {
  /** A department kind, a name search or a flag narrows the list. */
  readonly filtered: boolean;
  /** The last places: the page ends at the list's end (no keyset). */
  readonly fromEnd?: boolean;
  /**
   * SQL condition on alias `fl` (columns `result_id`, `organization_id`) true when the row has
   * the flag named by $10 (`ResultFlagsPort.hasFlagSql`); absent = no flag filter ($10 null).
   */
  readonly flagCondition?: string | null;
};

/**
 * One page of a population of a stored result with the display filters and a keyset, joined
 * with names, region names, submission status, first submission, stored measurements and last
 * year's ranks for the page's rows only. Parameters: $1 result id, $2 region path pattern, $3
 * peer group (null = all), $4 last year's snapshot id (null = none), $5 department kind, $6
 * text in the name (null = no filter), $7 list position to read after, $8 page size, $9
 * organization to read after (a cursor; wins over $7), $10 flag id (null = no filter). The whole
 * round and its peer groups read the stored ranks along an index (a keyset page is an index
 * range); a region subtree is ranked among itself. Each of the page's rows is looked up along
 * the indexes (`LIMIT 1` laterals: joined, the planner hashed whole tables for every page of an
 * export). No row when the result has been replaced
 * meanwhile; an `after_position` of null when $9 is not in the filtered list.
 */
export function pageSql(population: StoredPopulation, shape: PageShape | boolean): string {
  const {
    filtered,
    fromEnd = false,
    flagCondition = null,
  } = typeof shape === 'boolean' ? { filtered: shape } : shape;
  const stored = population !== 'subtree';
  const selected =
    population === 'round'
      ? `SELECT x.organization_id, x.peer_group, x.cents, x.cents / 100::float8 AS score,
                x.rank, x.tied, x.list_position
           FROM ranking_result_rows x
          WHERE x.result_id = $1 AND $2::text IS NOT NULL AND $3::text IS NULL`
      : population === 'peerGroup'
        ? `SELECT x.organization_id, x.peer_group, x.cents, x.cents / 100::float8 AS score,
                  x.peer_rank AS rank, x.peer_tied AS tied, x.peer_position AS list_position
             FROM ranking_result_rows x
            WHERE x.result_id = $1 AND $2::text IS NOT NULL AND x.peer_group = $3`
        : POPULATION_SQL;
  const flag = flagCondition ?? '$10::text IS NULL';
  const passing = filtered
    ? `SELECT pop.* FROM pop JOIN organizations o ON o.id = pop.organization_id
        CROSS JOIN LATERAL (SELECT $1::uuid AS result_id, pop.organization_id) fl
        WHERE ($5::text IS NULL OR o.kind = $5) AND ($6::text IS NULL OR strpos(o.name, $6) > 0)
          AND (${flag})`
    : `SELECT pop.* FROM pop WHERE $5::text IS NULL AND $6::text IS NULL AND $10::text IS NULL`;
  const counts =
    population === 'round'
      ? 'r.organization_count AS population_count, r.ranked_count'
      : population === 'peerGroup'
        ? `COALESCE((r.peer_counts -> $3::text ->> 0)::int, 0) AS population_count,
           COALESCE((r.peer_counts -> $3::text ->> 1)::int, 0) AS ranked_count`
        : `(SELECT count(*) FROM pop)::int AS population_count,
           (SELECT count(pop.rank) FROM pop)::int AS ranked_count`;
  const total =
    stored && !filtered
      ? population === 'round'
        ? 'r.organization_count'
        : 'COALESCE((r.peer_counts -> $3::text ->> 0)::int, 0)'
      : '(SELECT count(*) FROM filtered)::int';
  const window = fromEnd
    ? `SELECT * FROM (SELECT * FROM filtered WHERE $7::int IS NOT NULL AND $9::uuid IS NULL
                       ORDER BY list_position DESC LIMIT $8) last`
    : `SELECT * FROM filtered
         WHERE list_position > c.after_position
         ORDER BY list_position
         LIMIT $8`;
  return `
WITH pop AS ${stored ? 'NOT MATERIALIZED ' : ''}(${selected}),
filtered AS ${stored && !filtered ? 'NOT MATERIALIZED ' : ''}(${passing})
SELECT c.*, f.*, o.name, o.kind, prev.rank AS previous_rank, parent.name AS region_name,
       sub.status::text AS status, sub.first_submitted_at, m.statuses, m.raws, m.norms
  FROM (SELECT ${total} AS total_count, ${counts}, r.round_id, r.as_of,
               CASE WHEN $9::uuid IS NULL THEN $7::int
                    ELSE (SELECT list_position FROM filtered WHERE organization_id = $9::uuid)
               END AS after_position
          FROM ranking_results r WHERE r.id = $1) c
  LEFT JOIN LATERAL (${window}) f ON TRUE
  LEFT JOIN LATERAL (SELECT * FROM organizations WHERE id = f.organization_id LIMIT 1) o ON TRUE
  LEFT JOIN LATERAL (SELECT name FROM organizations WHERE id = o.parent_id LIMIT 1) parent ON TRUE
  LEFT JOIN LATERAL (SELECT status, first_submitted_at FROM submissions
                      WHERE round_id = c.round_id AND organization_id = f.organization_id
                      LIMIT 1) sub ON TRUE
  LEFT JOIN LATERAL (SELECT statuses, raws, norms FROM ranking_result_rows
                      WHERE result_id = $1 AND organization_id = f.organization_id LIMIT 1) m ON TRUE
  LEFT JOIN LATERAL (SELECT rank FROM ranking_snapshot_rows
                      WHERE snapshot_id = $4 AND organization_id = f.organization_id LIMIT 1) prev ON TRUE
 ORDER BY f.list_position`;
}
