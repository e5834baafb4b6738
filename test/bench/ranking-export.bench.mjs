// Ranking and ranking-sheet export at national scale, over HTTP: starts the built server on a
// fresh embedded PostgreSQL in a temporary folder, bulk-loads 120,000 organizations (1 province,
// 10 cities, 120 counties × 1,000 departments) with submissions drawn from a pool of checked
// reports, then measures over loopback:
//   - the first ranking query (fills the round's stored result), then warm ranking queries
//     (target ≤ 200 ms), a new population (one city) and a peer-group filter;
//   - POST /api/exports/ranking.xlsx for all 120,000 (target ≤ 10 s, server RSS ≤ 300 MB, first
//     bytes within 1 s), and the same as .csv;
//   - freezing the national ranking, then the same export of the frozen ranking (same targets).
// Needs `pnpm build`; run with `node test/bench/run.mjs ranking-export`.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuMillis } from '../load/lib.mjs';
import { http, signInCookie, startBenchServer } from './national/helpers.mjs';
import { load, ORGANIZATIONS, PASSWORD } from './ranking-data.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const requireServer = createRequire(join(root, 'server', 'package.json'));
const { startEmbeddedPostgres, findFreePort } = requireServer(
  join(root, 'server', 'dist', 'database', 'embedded-postgres.js'),
);

const WARM_RUNS = 15;
const TARGET_RANKING_MS = 200;
const TARGET_EXPORT_MS = 10_000;
const TARGET_RSS_MB = 300;
const TARGET_FIRST_BYTE_MS = 1000;

const figures = [];
const fail = [];
function figure(name, value, unit, target) {
  const ok = target === undefined || value <= target;
  figures.push({ name, value, unit, target, ok });
  if (!ok) fail.push(name);
  const shown = typeof value === 'number' ? value.toFixed(value < 10 ? 2 : 0) : value;
  console.log(
    `  ${name.padEnd(44)} ${String(shown).padStart(9)} ${unit}${target === undefined ? '' : `  (target ≤ ${target} ${unit}${ok ? '' : ' — MISSED'})`}`,
  );
}

/** RSS split as the kernel counts it (anonymous memory vs mapped files), for the verbose log. */
function rssParts(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) =>
      Math.round(Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024);
    return `anon ${kb('RssAnon')} MB, file ${kb('RssFile')} MB, threads ${/Threads:\s+(\d+)/.exec(status)?.[1]}, ${mallocHeaps(pid)}`;
  } catch {
    return 'unknown';
  }
}

/**
 * Where the anonymous memory is, from /proc/<pid>/smaps: glibc's main arena (`[heap]`), its
 * per-thread arenas (each of their heaps an anonymous 64 MB reservation aligned to 64 MB, the
 * part in use read-write), V8's pages (256 KB, aligned to 256 KB) and the rest (V8's large
 * objects, malloc's own mappings of large blocks, stacks). Resident MB of each.
 */
function mallocHeaps(pid) {
  const HEAP = 64 * 1024 * 1024;
  const PAGE = 256 * 1024;
  try {
    const heaps = new Map(); // start → { size, rssKb }
    const kb = { brk: 0, v8: 0, other: 0 };
    let current = null;
    let kind = null;
    for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
      const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ (\d+)\s*(.*)$/.exec(line);
      if (head) {
        const start = parseInt(head[1], 16);
        const end = parseInt(head[2], 16);
        const anonymous = head[4] === '0' && (head[5] === '' || head[5].startsWith('[anon'));
        const base = start - (start % HEAP);
        const heap = heaps.get(base);
        current = null;
        kind = null;
        if (head[5] === '[heap]') kind = 'brk';
        else if (anonymous && start % HEAP === 0 && end - start <= HEAP) {
          current = { size: end - start, rssKb: 0 };
          heaps.set(start, current);
        } else if (anonymous && heap && base + heap.size === start && end <= base + HEAP) {
          heap.size += end - start;
          current = heap;
        } else if (anonymous && start % PAGE === 0 && end - start === PAGE) kind = 'v8';
        else if (anonymous || head[5] === '[stack]') kind = 'other';
        continue;
      }
      const rss = /^Rss:\s+(\d+) kB/.exec(line);
      if (!rss) continue;
      if (current) current.rssKb += Number(rss[1]);
      else if (kind) kb[kind] += Number(rss[1]);
    }
    // a 64 MB-aligned mapping that is not a whole 64 MB reservation is something else
    let arenaKb = 0;
    let arenas = 0;
    for (const heap of heaps.values()) {
      if (heap.size === HEAP) {
        arenas += 1;
        arenaKb += heap.rssKb;
      } else kb.other += heap.rssKb;
    }
    const mb = (value) => Math.round(value / 1024);
    return (
      `main arena ${mb(kb.brk)} MB, thread arena heaps ${arenas} (${mb(arenaKb)} MB), ` +
      `256 KB pages ${mb(kb.v8)} MB, other anonymous ${mb(kb.other)} MB`
    );
  } catch {
    return 'smaps unreadable';
  }
}

function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

/**
 * Samples a process's RSS every 25 ms until `stop()`, which returns the peak (MB). Every 500 ms it
 * also reads the RSS split (`rssParts`); `atPeak()` gives the split read at the highest RSS.
 */
function sampleRss(pid) {
  let peak = rssMb(pid);
  let parts = { rss: 0, text: 'not sampled' };
  let ticks = 0;
  const timer = setInterval(() => {
    const rss = rssMb(pid);
    peak = Math.max(peak, rss);
    ticks += 1;
    if (ticks % 20 === 0 && rss > parts.rss) parts = { rss, text: rssParts(pid) };
  }, 25);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssMb(pid));
    },
    atPeak: () => `${Math.round(parts.rss)} MB: ${parts.text}`,
  };
}

/**
 * CPU time (ms) of the PostgreSQL processes under `pid`, those that ended included: a backend
 * that exits (a closed connection, a parallel worker) is counted in its parent's
 * children's times (cutime, cstime), so the sum does not fall when one goes.
 */
function pgCpuMillis(pid) {
  const tick = 10; // USER_HZ = 100 on Linux
  let sum = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const p = pending.pop();
    try {
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        if (kids) pending.push(...kids.split(/\s+/).map(Number));
      }
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      if (!stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith('postgres'))
        continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      sum +=
        (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * tick;
    } catch {
      // the process ended meanwhile
    }
  }
  return sum;
}

/**
 * One export over HTTP, measured: wall time, first bytes, size, the server's peak RSS (every
 * thread of the process, workers included), and the CPU time the server and PostgreSQL spent on
 * it (user + system, from /proc: on a shared machine CPU says more than the wall clock).
 */
async function measureExport(label, { port, cookie, serverPid, pgPid, path, body }) {
  // pgPid: a process PostgreSQL runs under (this one: embedded PostgreSQL is its child)
  const sampler = sampleRss(serverPid);
  const before = { server: cpuMillis(serverPid).node, pg: pgCpuMillis(pgPid) };
  const answer = await http(port, 'POST', path, { body, cookie, sink: true });
  const peak = sampler.stop();
  if (answer.status !== 200) throw new Error(`${label} answered ${answer.status}`);
  figure(`${label}: first body bytes`, answer.firstByteMs, 'ms', TARGET_FIRST_BYTE_MS);
  figure(`${label}: complete`, answer.totalMs / 1000, 's', TARGET_EXPORT_MS / 1000);
  figure(`${label}: server CPU`, (cpuMillis(serverPid).node - before.server) / 1000, 's');
  figure(`${label}: PostgreSQL CPU`, (pgCpuMillis(pgPid) - before.pg) / 1000, 's');
  figure(`${label}: size`, answer.bytes / 1024 / 1024, 'MB');
  figure(`${label}: peak server RSS`, peak, 'MB', TARGET_RSS_MB);
  console.log(`  (load average ${loadavg()[0].toFixed(1)}; after: ${rssParts(serverPid)})`);
  console.log(`  (highest sampled ${sampler.atPeak()})`);
  return answer;
}

async function graphql(port, cookie, query, variables) {
  const res = await http(port, 'POST', '/graphql', { body: { query, variables }, cookie });
  const json = JSON.parse(res.body.toString('utf8'));
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return { data: json.data, ms: res.totalMs, res };
}

const RANKING = `query($i: RankingInput!) { ranking(input: $i) { totalCount rankedCount asOf
  edges { node { organizationName rank tied score subScores { points } flags { id } } } } }`;

/**
 * The Node flags `pnpm start` runs the server with (root package.json), so that the figures are
 * those of the server as it is started.
 */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
  chmodSync(dir, 0o755);
  let database = null;
  let server = null;
  try {
    database = await startEmbeddedPostgres({ dataDir: join(dir, 'pg') });
    const port = await findFreePort();
    server = await startBenchServer({
      // BENCH_SERVER_MAIN=<another build's main.js> measures that build instead
      main: process.env.BENCH_SERVER_MAIN ?? join(root, 'server', 'dist', 'main.js'),
      port,
      databaseUrl: database.url,
      dir,
      // Extra variables for experiments, e.g. BENCH_SERVER_ENV="MALLOC_ARENA_MAX=2".
      env: Object.fromEntries(
        (process.env.BENCH_SERVER_ENV ?? '')
          .split(' ')
          .filter((pair) => pair.includes('='))
          .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
      ),
      cwd: process.env.BENCH_HEAP_SNAPSHOT || process.env.BENCH_HEAP_SNAPSHOT_EXPORT || undefined,
    });
    console.log(
      `server pid ${server.pid} (node ${process.env.BENCH_NODE_FLAGS ?? 'without flags'}) on 127.0.0.1:${port}; loading ${ORGANIZATIONS} organizations…`,
    );
    const loaded = await load(database.url);
    figure('bulk load (organizations + submissions)', loaded.ms / 1000, 's');
    console.log(`  loaded ${loaded.orgs} reporting organizations, ${loaded.subs} submissions`);

    const cookie = await signInCookie(port, 'bench-supervisor', PASSWORD);
    const baselineRss = rssMb(server.pid);
    figure('server RSS before scoring', baselineRss, 'MB');

    const input = { roundId: loaded.round, regionId: loaded.province, first: 50 };
    const buildSampler = sampleRss(server.pid);
    const cold = await graphql(port, cookie, RANKING, { i: input });
    const buildPeak = buildSampler.stop();
    figure('first ranking query (fills the stored result)', cold.ms / 1000, 's');
    // No target: the fill runs once per round and model and change of its data.
    figure('peak server RSS during the first ranking query', buildPeak, 'MB');
    if (cold.data.ranking.totalCount !== loaded.orgs)
      throw new Error(`ranked ${cold.data.ranking.totalCount} of ${loaded.orgs}`);
    figure('server RSS after the first ranking query', rssMb(server.pid), 'MB');
    if (process.env.BENCH_VERBOSE) console.log(`  (${rssParts(server.pid)})`);
    if (process.env.BENCH_SETTLE_S) {
      await new Promise((r) => setTimeout(r, Number(process.env.BENCH_SETTLE_S) * 1000));
      figure(`server RSS ${process.env.BENCH_SETTLE_S} s later`, rssMb(server.pid), 'MB');
    }
    if (process.env.BENCH_HEAP_SNAPSHOT) {
      // Needs BENCH_NODE_FLAGS="--heapsnapshot-signal=SIGUSR2"; written to the server's cwd.
      process.kill(server.pid, 'SIGUSR2');
      await new Promise((r) => setTimeout(r, 60_000));
    }

    const warm = [];
    for (let i = 0; i < WARM_RUNS; i += 1)
      warm.push((await graphql(port, cookie, RANKING, { i: input })).ms);
    figure(
      `ranking query, 120k, warm (median of ${WARM_RUNS})`,
      median(warm),
      'ms',
      TARGET_RANKING_MS,
    );
    figure('ranking query, 120k, warm (max)', Math.max(...warm), 'ms', TARGET_RANKING_MS);
    const cityFirst = await graphql(port, cookie, RANKING, {
      i: { ...input, regionId: loaded.city },
    });
    figure('ranking query, one city, first time', cityFirst.ms, 'ms', TARGET_RANKING_MS);
    const peer = await graphql(port, cookie, RANKING, {
      i: { ...input, peerGroup: 'county-department', search: '部门1' },
    });
    figure('ranking query, peer group + search', peer.ms, 'ms', TARGET_RANKING_MS);

    if (process.env.BENCH_HEAP_SNAPSHOT_EXPORT) {
      // Needs BENCH_NODE_FLAGS="--heapsnapshot-signal=SIGUSR2"; a snapshot 2 s (or
      // BENCH_HEAP_SNAPSHOT_EXPORT_MS) into the export.
      const delay = Number(process.env.BENCH_HEAP_SNAPSHOT_EXPORT_MS ?? 2000);
      setTimeout(() => process.kill(server.pid, 'SIGUSR2'), delay);
    }
    const scope = { roundId: loaded.round, regionId: loaded.province };
    const measured = { port, cookie, serverPid: server.pid, pgPid: process.pid };
    // BENCH_EXPORT_REPEAT=n exports the .xlsx n times (the peak of a later one can be higher)
    const repeat = Math.max(1, Number(process.env.BENCH_EXPORT_REPEAT ?? 1));
    for (let i = 1; i <= repeat; i += 1)
      await measureExport(repeat > 1 ? `xlsx export #${i}` : 'xlsx export', {
        ...measured,
        path: '/api/exports/ranking.xlsx',
        body: scope,
      });
    await measureExport('csv export', {
      ...measured,
      path: '/api/exports/ranking.csv',
      body: scope,
    });

    // A frozen national ranking and its export: the freeze itself has no target (it runs once
    // per published ranking); exporting the frozen ranking has the export's targets.
    const freezeSampler = sampleRss(server.pid);
    const frozen = await graphql(
      port,
      cookie,
      `
        mutation ($i: FreezeRankingInput!) {
          freezeRanking(input: $i) {
            id
            entryCount
          }
        }
      `,
      { i: { roundId: loaded.round, regionId: loaded.province, title: 'bench' } },
    );
    const freezePeak = freezeSampler.stop();
    figure('freeze the national ranking', frozen.ms / 1000, 's');
    figure('freeze: peak server RSS', freezePeak, 'MB');
    figure('server RSS after the freeze', rssMb(server.pid), 'MB');
    if (frozen.data.freezeRanking.entryCount !== loaded.orgs)
      throw new Error(`froze ${frozen.data.freezeRanking.entryCount} of ${loaded.orgs}`);
    await measureExport('snapshot xlsx export', {
      ...measured,
      path: '/api/exports/ranking.xlsx',
      body: { ...scope, snapshotId: frozen.data.freezeRanking.id },
    });
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      process.kill(server.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (server.exitCode === null) process.kill(server.pid, 'SIGKILL');
    }
    if (database) await database.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(fail.length === 0 ? '\nall targets met' : `\ntargets missed: ${fail.join(', ')}`);
  process.exit(fail.length === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
