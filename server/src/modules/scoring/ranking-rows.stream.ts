import type { CursorSource } from '../../database/cursor';
import { POPULATION_SQL, type StoredPopulation } from './ranking-population.sql';

/** One row of `streamSql` as the driver gives it (instants and arrays as in `slimPageSql`). */
export type StreamRow = {
  organization_id: string;
  name: string;
  kind: string | null;
  region_name: string | null;
  peer_group: string;
  status: string | null;
  first_submitted_ms: number | null;
  score: number | null;
  rank: number | null;
  tied: boolean;
  list_position: number;
  previous_rank: number | null;
  /** PostgreSQL's text of the arrays (`{0,2}`, `{1.5,NULL}`), parsed by `numbersOf`. */
  statuses: string | null;
  raws: string | null;
  norms: string | null;
  /** The flags as `ResultFlagsPort.flagListSql` gives them (null: none, or no flags store). */
  flag_list: string | null;
};

/**
 * The members of a population of a stored result ($1 result id, $2 region path pattern, $3 peer
 * group, null = all) with their stored measurements, ranked as the keyset page ranks them
 * (`pageSql`): the round's and its peer groups' stored ranks, or a region subtree ranked among
 * itself (`POPULATION_SQL`, its measurements joined from the same rows).
 */
function membersSql(population: StoredPopulation): string {
  const columns = `x.organization_id, x.peer_group, x.cents / 100::float8 AS score`;
  const measures = `x.statuses::text AS statuses, x.raws::text AS raws, x.norms::text AS norms`;
  if (population === 'round')
    return `SELECT ${columns}, x.rank, x.tied, x.list_position, ${measures}
              FROM ranking_result_rows x
             WHERE x.result_id = $1 AND $2::text IS NOT NULL AND $3::text IS NULL`;
  if (population === 'peerGroup')
    return `SELECT ${columns}, x.peer_rank AS rank, x.peer_tied AS tied,
                   x.peer_position AS list_position, ${measures}
              FROM ranking_result_rows x
             WHERE x.result_id = $1 AND $2::text IS NOT NULL AND x.peer_group = $3`;
  return `SELECT q.*, ${measures.replace(/x\./g, 'm.')}
            FROM (${POPULATION_SQL}) q
            JOIN ranking_result_rows m ON m.result_id = $1 AND m.organization_id = q.organization_id`;
}

/**
 * Every member of a population of a stored result in rank order with every field a ranking row
 * shows — names, region names, department kinds, submission status and first submission, the
 * stored measurements, last year's rank ($4 snapshot id, null = none) — as one statement read
 * through a cursor: each table is read once for the whole population (a national export is one
 * pass over each), where keyset pages looked every row up along the indexes, page after page.
 * `flagListSql` (`ResultFlagsPort.flagListSql`) is the `flag_list` column: each row's flags from
 * the same snapshot (null: none read).
 */
export function streamSql(population: StoredPopulation, flagListSql: string | null = null): string {
  return `
SELECT p.organization_id, o.name, o.kind, parent.name AS region_name, p.peer_group,
       sub.status::text AS status,
       floor(extract(epoch FROM sub.first_submitted_at) * 1000)::float8 AS first_submitted_ms,
       p.score, p.rank, p.tied, p.list_position, prev.rank AS previous_rank,
       p.statuses, p.raws, p.norms, ${flagListSql ?? 'NULL::text'} AS flag_list
  FROM (${membersSql(population)}) p
  JOIN ranking_results r ON r.id = $1
  JOIN organization_directory o ON o.id = p.organization_id
  LEFT JOIN organization_directory parent ON parent.id = o.parent_id
  LEFT JOIN submission_states sub ON sub.round_id = r.round_id AND sub.organization_id = p.organization_id
  LEFT JOIN ranking_snapshot_rows prev
    ON prev.snapshot_id = $4::uuid AND prev.organization_id = p.organization_id
 ORDER BY p.list_position`;
}

/** What the stream's statement may use to sort and join a national population in memory. */
const STREAM_WORK_MEM = '64MB';

/**
 * The rows of `streamSql` in batches of `batch`, through a cursor in one read-only
 * REPEATABLE READ transaction on a connection of its own: the result's header and every row are
 * read from one snapshot of the database. The plan is chosen for reading every row (not the
 * first few), so each table is scanned once and hashed rather than looked up row by row. The next
 * batch is fetched while the caller works on this one. Yields nothing, and resolves to false,
 * when the result no longer exists.
 */
export async function* streamBatches(
  dataSource: CursorSource,
  population: StoredPopulation,
  params: readonly [string, string, string | null, string | null],
  batch: number,
  flagListSql: string | null = null,
): AsyncGenerator<StreamRow[], boolean> {
  if (!Number.isInteger(batch) || batch < 1)
    throw new Error(`ranking rows: batch must be a whole number ≥ 1, not ${batch}`);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction('REPEATABLE READ');
    await runner.query('SET TRANSACTION READ ONLY');
    await runner.query('SET LOCAL cursor_tuple_fraction = 1');
    await runner.query(`SET LOCAL work_mem = '${STREAM_WORK_MEM}'`);
    const found = (await runner.query('SELECT 1 FROM ranking_results WHERE id = $1', [
      params[0],
    ])) as unknown[];
    if (found.length === 0) return false;
    await runner.query(
      `DECLARE ranking_rows NO SCROLL CURSOR FOR ${streamSql(population, flagListSql)}`,
      [...params],
    );
    const fetch = (): Promise<StreamRow[]> =>
      runner.query(`FETCH ${batch} FROM ranking_rows`) as Promise<StreamRow[]>;
    let next: Promise<StreamRow[]> | null = fetch();
    while (next) {
      const rows: StreamRow[] = await next;
      next = rows.length === batch ? fetch() : null;
      next?.catch(() => undefined); // awaited above; not unhandled when the caller stops early
      if (rows.length > 0) yield rows;
    }
    return true;
  } finally {
    try {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    } finally {
      await runner.release();
    }
  }
}
