// Freezing the national ranking (120,000 organizations), over HTTP: starts the built server on a
// fresh embedded PostgreSQL in a temporary folder, bulk-loads the national data of
// `ranking-data.mjs`, fills the round's stored result (the first ranking query), waits for the
// background jobs to keep the round's inputs and the result's points, then freezes the
// whole ranking several times (the snapshot of the run before is deleted first, so that each
// freeze writes every row; the tables the fill and the keep jobs wrote are vacuumed then, not by
// autovacuum during a freeze). Each freeze is reported with its wall time, the server's CPU time,
// PostgreSQL's CPU time (from /proc), the load average, and whether it staged from the kept
// inputs and points (the round's change counters equal to the kept ones before and after it).
// Needs `pnpm build`; run with `node test/bench/run.mjs ranking-freeze`.
// Options (environment):
//   BENCH_FREEZES=3            how many freezes (default 3)
//   BENCH_DEPARTMENTS=100      a tenth of the nation (12,000 organizations; see ranking-data.mjs)
//   BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/x"   flags of the server's node
//   BENCH_HOLD=1               keeps the server and the database after the freezes, until SIGINT
//   BENCH_EXPLAIN=1            PostgreSQL logs every statement over 100 ms and autovacuum, with
//                              auto_explain's EXPLAIN ANALYZE of those over 500 ms (printed after
//                              the runs); BENCH_EXPLAIN=statements: without auto_explain
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  cpuSeconds,
  http,
  postgresCpuSeconds,
  procStat,
  sampleRss,
  signInCookie,
  startBenchServer,
} from './national/helpers.mjs';
import { load, ORGANIZATIONS, PASSWORD } from './ranking-data.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const requireServer = createRequire(join(root, 'server', 'package.json'));
const pg = requireServer('pg');
const { startEmbeddedPostgres, findFreePort } = requireServer(
  join(root, 'server', 'dist', 'database', 'embedded-postgres.js'),
);
const { ROUND_STAMPS_SQL } = requireServer(
  join(root, 'server', 'dist', 'modules', 'scoring', 'current-inputs.reader.js'),
);

const FREEZES = Number(process.env.BENCH_FREEZES ?? 3);
const TARGET_FREEZE_S = 5;

/**
 * PostgreSQL's CPU seconds so far by kind of process: client connections (the server's pool and
 * cursors, this benchmark's client), other live processes (checkpointer, WAL writer, autovacuum
 * launcher…), and processes already ended (reaped by the postmaster: autovacuum workers, closed
 * connections) with the postmaster itself.
 */
function postgresCpuByKind(pgData) {
  const stat = procStat;
  const postmaster = Number(readFileSync(join(pgData, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const own = stat(postmaster);
  const kinds = {
    connections: 0,
    background: 0,
    ended: (own[11] + own[12] + own[13] + own[14]) / 100,
  };
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const child = stat(entry);
      if (child[1] !== postmaster) continue;
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const kind = /\d+\.\d+\.\d+\.\d+\(\d+\)/.test(title) ? 'connections' : 'background';
      kinds[kind] += (child[11] + child[12]) / 100;
    } catch {
      // ended meanwhile
    }
  }
  return kinds;
}

/**
 * Whether a freeze now stages from what is kept: the round's inputs kept under the round's
 * change counters as they are now (the freeze's test), and the points of a result of the round.
 */
async function keptNow(client, roundId) {
  const { rows } = await client.query(
    `SELECT COALESCE((SELECT h.stamps = ${ROUND_STAMPS_SQL} FROM round_input_refs h
                       WHERE h.round_id = r.id), false) AS inputs,
            EXISTS (SELECT 1 FROM ranking_results x
                     WHERE x.round_id = r.id AND x.points_count IS NOT NULL) AS points
       FROM round_directory r WHERE r.id = $1`,
    [roundId],
  );
  return rows[0];
}

async function graphql(port, cookie, query, variables) {
  const res = await http(port, 'POST', '/graphql', { body: { query, variables }, cookie });
  const json = JSON.parse(res.body.toString('utf8'));
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return { data: json.data, ms: res.totalMs };
}

const START = `mutation ($i: FreezeRankingInput!) { startRankingFreeze(input: $i) { id status } }`;

/** Polls a freeze task until it is no longer running; returns it with the progress seen. */
async function settled(client, taskId) {
  const steps = new Set();
  for (;;) {
    const { rows } = await client.query(
      `SELECT status::text AS status, written, total, snapshot_id, failure
         FROM ranking_freeze_tasks WHERE id = $1`,
      [taskId],
    );
    const task = rows[0];
    if (!task) throw new Error(`freeze task ${taskId} vanished`);
    steps.add(task.written);
    if (task.status !== 'RUNNING') return { ...task, steps: steps.size };
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
  chmodSync(dir, 0o755);
  const explain = Boolean(process.env.BENCH_EXPLAIN);
  const pgLog = [];
  let database = null;
  let server = null;
  let client = null;
  try {
    database = await startEmbeddedPostgres({
      dataDir: join(dir, 'pg'),
      onLog: (line) => {
        if (explain) pgLog.push(line);
      },
    });
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    if (explain) {
      const settings = [`log_min_duration_statement = 100`, `log_autovacuum_min_duration = 0`];
      if (process.env.BENCH_EXPLAIN !== 'statements')
        settings.push(
          `session_preload_libraries = 'auto_explain'`,
          `auto_explain.log_min_duration = '500ms'`,
          `auto_explain.log_analyze = on`,
          `auto_explain.log_buffers = on`,
          `auto_explain.log_triggers = on`,
          `auto_explain.log_nested_statements = on`,
        );
      for (const setting of settings) await client.query(`ALTER SYSTEM SET ${setting}`);
      await client.query('SELECT pg_reload_conf()');
    }
    const port = await findFreePort();
    server = await startBenchServer({
      main: join(root, 'server', 'dist', 'main.js'),
      port,
      databaseUrl: database.url,
      dir,
    });
    console.log(`server pid ${server.pid}; loading ${ORGANIZATIONS} organizations…`);
    const loaded = await load(database.url);
    console.log(`  loaded in ${(loaded.ms / 1000).toFixed(1)} s: ${loaded.orgs} organizations`);
    const cookie = await signInCookie(port, 'bench-supervisor', PASSWORD);
    // the fill goes on when a request waiting for it stops at its time budget: ask again
    const fillStarted = performance.now();
    for (let attempt = 1; ; attempt += 1) {
      try {
        await graphql(
          port,
          cookie,
          `
            query ($i: RankingInput!) {
              ranking(input: $i) {
                totalCount
              }
            }
          `,
          {
            i: { roundId: loaded.round, regionId: loaded.province, first: 10 },
          },
        );
        break;
      } catch (error) {
        if (attempt >= 5 || !/request\.tooSlow/.test(String(error))) throw error;
      }
    }
    const filled = { ms: performance.now() - fillStarted };
    console.log(`  stored result filled in ${(filled.ms / 1000).toFixed(1)} s`);
    // the round's inputs and the result's points are kept ahead of a freeze by background jobs
    // (a sweep every 2 s after the fill): wait for them, as a freeze some seconds after the
    // fill finds them
    const keepStarted = performance.now();
    const pgCpuBeforeKeep = postgresCpuSeconds(join(dir, 'pg', 'postgres'));
    let keptCount = null;
    while (performance.now() - keepStarted < 600_000) {
      const { rows } = await client.query(
        `SELECT k.member_count FROM round_input_refs k
          WHERE k.round_id = $1 AND EXISTS (SELECT 1 FROM ranking_results x
                                             WHERE x.round_id = $1 AND x.points_count IS NOT NULL)`,
        [loaded.round],
      );
      if (rows[0]) {
        keptCount = rows[0].member_count;
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    console.log(
      keptCount === null
        ? "  the round's inputs were not kept (a freeze builds them)"
        : `  the round's inputs kept for ${keptCount} organizations ` +
            `${((performance.now() - keepStarted) / 1000).toFixed(1)} s after the fill ` +
            `(PostgreSQL CPU meanwhile ${(postgresCpuSeconds(join(dir, 'pg', 'postgres')) - pgCpuBeforeKeep).toFixed(2)} s)`,
    );
    pgLog.length = 0;
    const pgData = join(dir, 'pg', 'postgres');
    const runs = [];
    for (let i = 0; i < FREEZES; i += 1) {
      await client.query('DELETE FROM ranking_snapshots WHERE round_id = $1', [loaded.round]);
      await client.query('DELETE FROM ranking_freeze_tasks WHERE round_id = $1', [loaded.round]);
      // the tables the fill and the keep jobs have just written are vacuumed here rather than
      // by autovacuum during the first freeze
      for (const table of [
        'ranking_snapshot_rows',
        'ranking_result_rows',
        'ranking_result_flags',
        'ranking_result_points',
        'round_input_ref_rows',
      ])
        await client.query(`VACUUM ANALYZE ${table}`);
      const keptBefore = await keptNow(client, loaded.round);
      const load1 = loadavg()[0];
      const server0 = cpuSeconds(server.pid);
      const pg0 = postgresCpuSeconds(pgData);
      const kinds0 = postgresCpuByKind(pgData);
      const rss = sampleRss(server.pid);
      const started = performance.now();
      const task = await graphql(port, cookie, START, {
        i: { roundId: loaded.round, regionId: loaded.province, title: `bench ${i}` },
      });
      const done = await settled(client, task.data.startRankingFreeze.id);
      const keptAfter = await keptNow(client, loaded.round);
      const run = {
        wall: (performance.now() - started) / 1000,
        server: cpuSeconds(server.pid) - server0,
        postgres: postgresCpuSeconds(pgData) - pg0,
        kinds: Object.entries(postgresCpuByKind(pgData)).map(
          ([kind, seconds]) => `${kind} ${(seconds - kinds0[kind]).toFixed(2)}`,
        ),
        load: [load1, loadavg()[0]],
        rss: rss.stop(),
        // the counters did not move from before to after the freeze: it staged from the kept set
        kept: `inputs ${keptBefore.inputs && keptAfter.inputs ? 'kept' : 'built'}, points ${keptBefore.points ? 'kept' : 'computed'}`,
      };
      runs.push(run);
      if (done.status !== 'DONE')
        throw new Error(`freeze ${done.status}: ${JSON.stringify(done.failure)}`);
      if (done.written !== loaded.orgs) throw new Error(`froze ${done.written} of ${loaded.orgs}`);
      console.log(
        `  freeze ${i + 1}: ${run.wall.toFixed(2)} s wall, server CPU ${run.server.toFixed(2)} s, ` +
          `PostgreSQL CPU ${run.postgres.toFixed(2)} s, load ${run.load.map((l) => l.toFixed(1)).join(' → ')}, ` +
          `peak server RSS ${run.rss.toFixed(0)} MB, ${done.steps} progress values seen (PostgreSQL: ${run.kinds.join(', ')} s; ${run.kept})` +
          `${run.wall <= TARGET_FREEZE_S ? '' : `  (target ≤ ${TARGET_FREEZE_S} s — MISSED)`}`,
      );
    }
    const [rows] = (
      await client.query(
        `SELECT count(*)::int AS n FROM ranking_snapshot_rows r
           JOIN ranking_snapshots s ON s.id = r.snapshot_id WHERE s.round_id = $1`,
        [loaded.round],
      )
    ).rows;
    console.log(`  the last snapshot has ${rows.n} rows`);
    if (explain) console.log(`\n--- PostgreSQL log during the freezes ---\n${pgLog.join('\n')}`);
    if (process.env.BENCH_HOLD) {
      console.log(
        `holding: database ${database.url}, server http://127.0.0.1:${port} (Ctrl-C ends)`,
      );
      await new Promise((resolve) => process.once('SIGINT', resolve));
    }
    const best = Math.min(...runs.map((r) => r.wall));
    console.log(best <= TARGET_FREEZE_S ? '\nbest freeze within the target' : '\ntarget missed');
  } finally {
    await client?.end().catch(() => undefined);
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      process.kill(server.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
      if (server.exitCode === null) process.kill(server.pid, 'SIGKILL');
    }
    if (database) await database.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
