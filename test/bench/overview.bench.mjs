// The overview of a province at national scale, over HTTP: starts the built server on a fresh
// embedded PostgreSQL in a temporary folder, loads a synthetic nation (≈120,000 bodies × 7 years,
// see overview-nation.mjs; ≈12,000 × 3 with `--quick` given to this file, or
// BENCH_QUICK=1 through run.mjs, which passes no flags on), then measures the overview
// page's queries for one province (p50/p95, target p95 ≤ 150 ms) and the whole nation's progress
// and trend once. Writes `{ "figures": [{ name, value, unit, target, met }] }` to the file named by
// BENCH_JSON when set. BENCH_NATION_DIR=<dir> keeps the loaded nation there and reuses it on the
// next run. Needs `pnpm build`; run with `node test/bench/run.mjs overview`.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBenchServer } from './national/helpers.mjs';
import { ask, loadNation, measureOverview, NATION_SIZES, signInAs } from './overview-nation.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const requireServer = createRequire(join(root, 'server', 'package.json'));
const pg = requireServer('pg');
const { startEmbeddedPostgres, findFreePort } = requireServer(
  join(root, 'server', 'dist', 'database', 'embedded-postgres.js'),
);

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const RUNS = Number(process.env.BENCH_RUNS ?? (quick ? 15 : 30));

const figures = [];
function figure(name, value, unit, target, error) {
  const met = target === undefined ? null : value !== null && value <= target;
  figures.push({
    name,
    value: value === null ? null : Math.round(value * 100) / 100,
    unit,
    target: target ?? null,
    met,
    ...(error ? { error } : {}),
  });
  const shown = value === null ? 'failed' : value.toFixed(value < 10 ? 2 : 0);
  console.log(
    `  ${name.padEnd(72)} ${shown.padStart(8)} ${unit}${target === undefined ? '' : `  (target ≤ ${target} ${unit}${met ? '' : ' — MISSED'})`}${error ? `\n    ${error.slice(0, 300)}` : ''}`,
  );
}

async function startServer(databaseUrl, dir) {
  const port = await findFreePort();
  const main = join(root, 'server', 'dist', 'main.js');
  const server = await startBenchServer({ main, port, databaseUrl, dir });
  return { server, port };
}

async function main() {
  // BENCH_NATION_DIR keeps the loaded nation there for the next run (which then skips the load).
  const kept = process.env.BENCH_NATION_DIR;
  if (kept) mkdirSync(kept, { recursive: true });
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
  chmodSync(dir, 0o755);
  const savedNation = join(dir, `nation-${quick ? 'quick' : 'full'}.json`);
  let database = null;
  let server = null;
  try {
    database = await startEmbeddedPostgres({ dataDir: join(dir, quick ? 'pg-quick' : 'pg') });
    // The server migrates the empty database as it starts.
    const started = await startServer(database.url, dir);
    server = started.server;
    const { port } = started;
    const size = quick ? NATION_SIZES.quick : NATION_SIZES.full;
    console.log(`server pid ${server.pid} on 127.0.0.1:${port}; loading the nation…`);
    let loaded;
    if (kept && existsSync(savedNation)) {
      loaded = JSON.parse(readFileSync(savedNation, 'utf8'));
      console.log(`  reusing the nation loaded in ${dir}`);
    } else {
      const client = new pg.Client({ connectionString: database.url });
      client.on('error', () => undefined);
      await client.connect();
      try {
        loaded = await loadNation(client, size, (line) => console.log(line));
      } finally {
        await client.end().catch(() => undefined);
      }
      if (kept) writeFileSync(savedNation, JSON.stringify(loaded));
      figure('bulk load of the nation', loaded.seconds, 's');
    }
    console.log(
      `  ${loaded.bodies} reporting bodies × ${loaded.rounds.length} years, ${loaded.submissions} submissions; the province holds ${loaded.provinceBodies} bodies`,
    );
    figures.push({ name: 'bodies', value: loaded.bodies, unit: 'bodies', target: null, met: null });
    figures.push({
      name: 'years',
      value: loaded.rounds.length,
      unit: 'years',
      target: null,
      met: null,
    });

    const provinceCookie = await signInAs(port, 'bench-province');
    const answers = await measureOverview({
      port,
      cookie: provinceCookie,
      roundId: loaded.latestRound,
      regionId: loaded.province,
      runs: RUNS,
      figure,
      label: 'province overview',
    });
    const stats = answers['progress and by sub-region (roundStats)']?.answer.roundStats;
    if (stats && stats.expected !== loaded.provinceBodies)
      throw new Error(
        `the province's progress counts ${stats.expected} of ${loaded.provinceBodies} bodies`,
      );
    const trend = answers['trend over the years (roundTrend)']?.answer.roundTrend;
    if (trend && trend.length !== loaded.rounds.length)
      throw new Error(`the trend has ${trend.length} points for ${loaded.rounds.length} years`);

    // The whole nation, once each (no target: a national supervisor's first look).
    const nationCookie = await signInAs(port, 'bench-nation');
    const nationStats = await ask(
      port,
      nationCookie,
      `query($r: ID!, $n: ID!) { roundStats(roundId: $r, nodeId: $n) { expected submitted late missing children { nodeId expected } } }`,
      { r: loaded.latestRound, n: loaded.nation },
    );
    if (nationStats.data.roundStats.expected !== loaded.bodies)
      throw new Error(
        `the nation's progress counts ${nationStats.data.roundStats.expected} of ${loaded.bodies}`,
      );
    figure('nation: progress and by province (roundStats)', nationStats.ms, 'ms');
    const nationTrend = await ask(
      port,
      nationCookie,
      `query($g: ID!) { roundTrend(regionId: $g, withScores: false) { year expected submitted onTime } }`,
      { g: loaded.nation },
    );
    figure('nation: trend over the years (roundTrend)', nationTrend.ms, 'ms');
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      process.kill(server.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (server.exitCode === null) process.kill(server.pid, 'SIGKILL');
    }
    if (database) await database.stop();
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.BENCH_JSON)
    writeFileSync(process.env.BENCH_JSON, `${JSON.stringify({ figures }, null, 2)}\n`);
  const missed = figures.filter((f) => f.met === false).map((f) => f.name);
  console.log(missed.length === 0 ? '\nall targets met' : `\ntargets missed: ${missed.join(', ')}`);
  process.exit(missed.length === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
