import type { ScoringModel } from '@gongkai/scoring';
import { Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { requestScope } from '../../common/request-budget';
import { measureArraysSql, PEER_GROUP_SQL, rankingSql, roundSourceSql } from './ranking.sql';
import { ResultFlagsStore } from './result-flags.store';
import { POPULATION_SQL, type StoredPopulation } from './ranking-population.sql';
import type { RosterReading } from './roster-measures';

export { POPULATION_SQL, type StoredPopulation } from './ranking-population.sql';

/** What a stored population result is computed from (see `RankingResultsStore.current`). */
export type ResultKey = {
  readonly roundId: string;
  /** Row id of the scoring model version. */
  readonly modelId: string;
  readonly model: ScoringModel;
  /** `LIKE` pattern of the round scope's subtree. */
  readonly roundScopePattern: string;
  readonly asOf: Date;
  /**
   * What the fill reads of the rosters (staffing measures, the summaries the flags read, the
   * update reference), read only when the result is filled: whether a stored result is current
   * is the `roster:<round>` stamp's to say.
   */
  readonly rosters: () => Promise<RosterReading>;
  /**
   * A reader asks (kept as the result's `requested_at`, which tells the background fill what is
   * asked for); false for the background fill itself.
   */
  readonly requested?: boolean;
};

export type StoredResult = {
  readonly id: string;
  readonly organizationCount: number;
  /** The scoring instant the result was computed for. */
  readonly asOf: Date;
};

const RANKING_WORK_MEM = '64MB';

/** A reader's `requested_at` is written again when older than this. */
const REQUESTED_REFRESH_MS = 60 * 60 * 1000;

/** The change counters of a round's result ($1 round). */
const STAMPS_SQL = `
  COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'round:' || $1::uuid::text), 0) AS round_stamp,
  COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'roster:' || $1::uuid::text), 0) AS roster_stamp,
  COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'organizations'), 0) AS organizations_stamp`;

/**
 * The key of a result: the round, the model version, the round's, its rosters' and the
 * hierarchy's change counters (`scoring_stamps`, bumped by triggers) and the Asia/Shanghai day of
 * the scoring instant (what depends on the instant — a deadline passed — changes at Shanghai
 * midnight only). $1 round, $2 model, $3 instant.
 */
const KEY_SQL = `
  r.round_id = $1::uuid AND r.scoring_model_id = $2::uuid
  AND r.day = ($3::timestamptz AT TIME ZONE 'Asia/Shanghai')::date
  AND r.round_stamp = COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'round:' || $1::uuid::text), 0)
  AND r.roster_stamp = COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'roster:' || $1::uuid::text), 0)
  AND r.organizations_stamp = COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'organizations'), 0)`;

const LOOKUP_SQL = `SELECT r.id, r.organization_count, r.as_of, r.requested_at FROM ranking_results r WHERE ${KEY_SQL}`;

/**
 * Stored population results: a round scored and ranked once by the SQL ranking statement
 * (`ranking.sql.ts`) with one `INSERT … SELECT`, kept in PostgreSQL per key (above) and read
 * by every population of the round — a region subtree × peer group is a range of an index over
 * the stored rows, ranked among themselves by a window over the stored cents (scores do not
 * depend on the population: peer-relative normalisations are over the whole round). Any process
 * sees the same result; a change bumps a stamp, and the background fill
 * (`ranking-results.job.ts`) or else the next request computes a new one.
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

  /**
   * The current result of `key`, computed now when none is stored. The stamps are read before
   * the rosters and the rows, so a change meanwhile leaves a result under the older stamps (the
   * next reader fills again), never newer stamps on older data.
   */
  async current(key: ResultKey): Promise<StoredResult> {
    const params = [key.roundId, key.modelId, key.asOf];
    const found = await lookup(this.dataSource.manager, params);
    if (found) return this.asked(this.dataSource.manager, key, found);
    const [stamps] = (await this.dataSource.query(`SELECT ${STAMPS_SQL}`, [key.roundId])) as {
      round_stamp: string;
      roster_stamp: string;
      organizations_stamp: string;
    }[];
    // shared work every request of the round reads: run outside the asking request's time
    // budget, so that a request that gives up does not cancel (and waste) a fill under way
    return requestScope.exit(async () => this.fill(key, params, stamps!, await key.rosters()));
  }

  /** A stored result a reader asked for: its `requested_at` written again when old. */
  private async asked(
    manager: EntityManager,
    key: ResultKey,
    found: { result: StoredResult; requestedAt: Date | null },
  ): Promise<StoredResult> {
    if (key.requested !== false && isOlderThan(found.requestedAt, REQUESTED_REFRESH_MS))
      await manager.query('UPDATE ranking_results SET requested_at = now() WHERE id = $1', [
        found.result.id,
      ]);
    return found.result;
  }

  private fill(
    key: ResultKey,
    params: unknown[],
    stamps: { round_stamp: string; roster_stamp: string; organizations_stamp: string },
    rosters: RosterReading,
  ): Promise<StoredResult> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `SELECT pg_advisory_xact_lock(hashtextextended('ranking_results:' || $1::text || ':' || $2::text, 0))`,
        [key.roundId, key.modelId],
      );
      // filled meanwhile (by the background job, which asks for nothing): this reader asked
      const filled = await lookup(manager, params);
      if (filled) return this.asked(manager, key, filled);
      await manager.query(`SET LOCAL work_mem = '${RANKING_WORK_MEM}'`);
      // what was asked for stays asked for when the background fill replaces it
      const older = (await manager.query(
        `DELETE FROM ranking_results WHERE round_id = $1 AND scoring_model_id = $2
         RETURNING requested_at`,
        [key.roundId, key.modelId],
      )) as { requested_at: Date | null }[];
      const [header] = (await manager.query(
        `INSERT INTO ranking_results (round_id, scoring_model_id, round_stamp, roster_stamp,
                                      organizations_stamp, day, requested_at, as_of)
         VALUES ($1::uuid, $2::uuid, $4, $5, $6, ($3::timestamptz AT TIME ZONE 'Asia/Shanghai')::date,
                 CASE WHEN $7 THEN now() ELSE $8::timestamptz END, $3::timestamptz)
         RETURNING id`,
        [
          ...params,
          stamps.round_stamp,
          stamps.roster_stamp,
          stamps.organizations_stamp,
          key.requested !== false,
          latest(older.map((row) => row.requested_at)),
        ],
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
                   JOIN organization_directory o ON o.id = ranked.organization_id
                   LEFT JOIN organization_directory p ON p.id = o.parent_id) r`,
        [
          key.roundId,
          key.roundScopePattern,
          null,
          key.asOf,
          key.roundScopePattern,
          JSON.stringify(rosters.measures),
          id,
        ],
      );
      // every flag of every organization of the round (`ranking_result_flags`)
      await this.flags.fill(manager, id, {
        roundId: key.roundId,
        asOf: key.asOf,
        rosters: rosters.summaries,
        rosterUpdatedSince: rosters.updatedSince,
      });
      // statistics of the rows and flags as they now are, committed with them: without them the
      // planner takes the new result for a handful of rows (its id is not among those last
      // sampled) and reads one organization's row or a province's flags by scanning the whole
      // round along the wrong index
      await manager.query('ANALYZE ranking_result_rows, ranking_result_flags');
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

async function lookup(
  manager: EntityManager,
  params: unknown[],
): Promise<{ result: StoredResult; requestedAt: Date | null } | null> {
  const rows = (await manager.query(LOOKUP_SQL, params)) as {
    id: string;
    organization_count: number;
    as_of: Date;
    requested_at: Date | null;
  }[];
  const row = rows[0];
  return row
    ? {
        result: { id: row.id, organizationCount: row.organization_count, asOf: row.as_of },
        requestedAt: row.requested_at,
      }
    : null;
}

function latest(instants: readonly (Date | null)[]): Date | null {
  let out: Date | null = null;
  for (const at of instants) if (at && (!out || at > out)) out = at;
  return out;
}

function isOlderThan(at: Date | null, ms: number): boolean {
  return at === null || Date.now() - at.getTime() > ms;
}

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
    ? `SELECT pop.* FROM pop JOIN organization_directory o ON o.id = pop.organization_id
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
         WHERE list_position > c.after_position${
           // the stored positions are 1…n without gaps: the page is an index range of the
           // result's rows whatever the planner thinks of a result filled a moment ago
           stored && !filtered ? ' AND list_position <= c.after_position + $8' : ''
         }
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
  LEFT JOIN LATERAL (SELECT * FROM organization_directory WHERE id = f.organization_id LIMIT 1) o ON TRUE
  LEFT JOIN LATERAL (SELECT name FROM organization_directory WHERE id = o.parent_id LIMIT 1) parent ON TRUE
  LEFT JOIN LATERAL (SELECT status, first_submitted_at FROM submission_states
                      WHERE round_id = c.round_id AND organization_id = f.organization_id
                      LIMIT 1) sub ON TRUE
  LEFT JOIN LATERAL (SELECT statuses, raws, norms FROM ranking_result_rows
                      WHERE result_id = $1 AND organization_id = f.organization_id LIMIT 1) m ON TRUE
  LEFT JOIN LATERAL (SELECT rank FROM ranking_snapshot_rows
                      WHERE snapshot_id = $4 AND organization_id = f.organization_id LIMIT 1) prev ON TRUE
 ORDER BY f.list_position`;
}
