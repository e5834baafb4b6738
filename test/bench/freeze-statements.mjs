// Replays the statements a freeze sends in PostgreSQL, one after the other in one transaction,
// on the database a `ranking-freeze` benchmark holds (`BENCH_HOLD=1`), and prints for each its
// wall time and the backend's CPU time (from /proc: run it on the database's machine). The
// points are those of the held snapshot (the server computes them in Node). The transaction is
// rolled back; with COMMIT=1 it is committed, the rows are compared with the held snapshot's
// (every column but the snapshot id) and the new snapshot is deleted again.
// Needs the built server (`npx tsc -b tsconfig.build.json`). Usage:
//   node test/bench/freeze-statements.mjs postgres://…   (the URL the benchmark prints)
// EXPLAIN=1 prints `EXPLAIN (ANALYZE, BUFFERS, WAL)` of the two large statements instead.
// KEPT=1 replays a freeze that finds the round's inputs and the result's points kept (they must
// be: the benchmark waits for them): staged from `round_input_ref_rows`, written with the
// result's points.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const requireServer = createRequire(join(root, 'server', 'package.json'));
const pg = requireServer('pg');
const sql = requireServer(join(root, 'server', 'dist', 'modules', 'scoring', 'frozen-rows.sql.js'));
const { FLAG_CATALOGUE } = requireServer('@gongkai/scoring');

const url = process.argv[2];
if (!url) {
  console.error('usage: node test/bench/freeze-statements.mjs <database URL>');
  process.exit(2);
}
const explain = Boolean(process.env.EXPLAIN);
const commit = Boolean(process.env.COMMIT);
const kept = Boolean(process.env.KEPT);
const labels = JSON.stringify(
  Object.fromEntries(Object.entries(FLAG_CATALOGUE).map(([id, flag]) => [id, flag.labelZh])),
);
const COLUMNS = `position, organization_id, organization_name, region_name, peer_group,
  department_type, rank, tied, score, points::text, flags::text, status, first_submitted_at,
  previous_rank, rank_change, version_id, input_digest, input::text`;

const client = new pg.Client({ connectionString: url });
await client.connect();
const [{ pid }] = (await client.query('SELECT pg_backend_pid() AS pid')).rows;
function cpu() {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function step(name, text, params = []) {
  const cpu0 = cpu();
  const started = performance.now();
  const large = /^\s*(WITH written|CREATE TEMP TABLE freeze_inputs)/.test(text);
  const result = await client.query(
    (explain && large ? 'EXPLAIN (ANALYZE, BUFFERS, WAL) ' : '') + text,
    params,
  );
  const wall = (performance.now() - started) / 1000;
  console.log(
    `${name.padEnd(32)} wall ${wall.toFixed(2)} s  backend CPU ${(cpu() - cpu0).toFixed(2)} s`,
  );
  if (explain && large) console.log(result.rows.map((row) => row['QUERY PLAN']).join('\n'));
  return result;
}

const [held] = (
  await client.query(
    `SELECT id, round_id, region_path, peer_group FROM ranking_snapshots
      WHERE title <> 'freeze-statements' ORDER BY created_at DESC LIMIT 1`,
  )
).rows;
if (!held || held.peer_group !== null) throw new Error('no snapshot of a whole region is held');
const [{ id: resultId }] = (
  await client.query('SELECT id FROM ranking_results WHERE round_id = $1', [held.round_id])
).rows;
const pattern = `${held.region_path}%`;
const population = held.region_path.split('/').filter(Boolean).length === 1 ? 'round' : 'subtree';
const points = (
  await client.query(
    'SELECT organization_id, points::text AS points FROM ranking_snapshot_rows WHERE snapshot_id = $1',
    [held.id],
  )
).rows;

const started = performance.now();
await client.query('BEGIN');
await step('work_mem', `SET LOCAL work_mem = '64MB'`);
await step('stage the members', sql.stageMembersSql(population), [resultId, pattern, null]);
await step('analyze them', 'ANALYZE freeze_members (organization_id)');
await step('stage the flags', sql.STAGE_FLAGS_SQL, [resultId, labels, true]);
await step('analyze them', 'ANALYZE freeze_flags (organization_id)');
const stamps = kept
  ? (await client.query('SELECT stamps FROM round_input_refs WHERE round_id = $1', [held.round_id]))
      .rows[0]?.stamps
  : null;
if (kept && !stamps) throw new Error('the round has no kept inputs');
await step(
  kept ? 'stage kept inputs, row fields' : 'stage inputs and row fields',
  kept ? sql.STAGE_KEPT_ROWS_SQL : sql.STAGE_ROWS_SQL,
  [held.round_id, held.region_path, null, stamps, null],
);
await step(
  'the rostered organizations',
  `SELECT o.id FROM organization_directory o WHERE o.path LIKE $1
      AND o.id IN (SELECT organization_id FROM post_assignment_terms
                   UNION SELECT organization_id FROM post_vacancy_terms
                   UNION SELECT organization_id FROM audit_trail
                          WHERE action LIKE 'roster.%' AND organization_id IS NOT NULL)`,
  [pattern],
);
await step('the inputs hash', sql.STAGED_HASH_SQL);
const snapshot = (
  await step(
    'the snapshot header',
    `INSERT INTO ranking_snapshots (round_id, region_id, region_path, peer_group, scoring_model_id,
       title, status, as_of, inputs_hash, entry_count, ranked_count, frozen_by_id)
     SELECT round_id, region_id, region_path, peer_group, scoring_model_id, 'freeze-statements',
            status, as_of, inputs_hash, entry_count, ranked_count, frozen_by_id
       FROM ranking_snapshots WHERE id = $1 RETURNING id`,
    [held.id],
  )
).rows[0].id;
await step('work_mem of the write', `SET LOCAL work_mem = '320MB'`);
if (kept)
  await step('write the rows (kept points)', sql.INSERT_ROWS_KEPT_POINTS_SQL, [snapshot, resultId]);
else {
  await step(
    'the points table',
    `CREATE TEMP TABLE freeze_points (organization_id uuid PRIMARY KEY, points jsonb NOT NULL)
       ON COMMIT DROP`,
  );
  const cpu0 = cpu();
  const pointsStarted = performance.now();
  for (let i = 0; i < points.length; i += 10_000) {
    const batch = points.slice(i, i + 10_000);
    await client.query(
      `INSERT INTO freeze_points (organization_id, points)
       SELECT * FROM ROWS FROM (unnest($1::uuid[]), jsonb_array_elements($2::jsonb))`,
      [batch.map((row) => row.organization_id), `[${batch.map((row) => row.points).join(',')}]`],
    );
  }
  console.log(
    `${'stage the points'.padEnd(32)} wall ${((performance.now() - pointsStarted) / 1000).toFixed(2)} s  ` +
      `backend CPU ${(cpu() - cpu0).toFixed(2)} s`,
  );
  await step('write the rows', sql.INSERT_ROWS_SQL, [snapshot]);
}
await step(commit ? 'COMMIT' : 'ROLLBACK', commit ? 'COMMIT' : 'ROLLBACK');
console.log(`in all: ${((performance.now() - started) / 1000).toFixed(2)} s wall`);
if (commit) {
  const differing = (
    await client.query(
      `SELECT count(*)::int AS n FROM (SELECT ${COLUMNS} FROM ranking_snapshot_rows WHERE snapshot_id = $1
         EXCEPT SELECT ${COLUMNS} FROM ranking_snapshot_rows WHERE snapshot_id = $2) d`,
      [snapshot, held.id],
    )
  ).rows[0].n;
  console.log(`rows differing from the held snapshot: ${differing} of ${points.length}`);
  await client.query('DELETE FROM ranking_snapshots WHERE id = $1', [snapshot]);
}
await client.end();
