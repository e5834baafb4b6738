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
