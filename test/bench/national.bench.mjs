// The national figures of the scoring design, side by side in one run. Builds a synthetic nation
// (`gongkai seed`: 120,000 reporting bodies × 7 years = about 800,000 reports by default; with
// `--quick` 12,000 × 2) on a fresh embedded PostgreSQL, starts the built server with plain `node`,
// and measures over loopback, through the public GraphQL and REST API only (the documents the web
// pages send, read from web/src/modules/*/graphql):
//   - the first ranking page of a round, cold (the first request of the server, started after
//     the seed has stored the rounds' current rankings) and then warm p95; the overview's top list
//     read from the stored result; the first page right after a change (it waits for the fill) and
//     how long the background job takes to store the new result with nobody asking;
//   - a province's overview: progress with its sub-regions (roundStats), the heat-map
//     (flagMatrix), findings by rule and the trend over the years, each p95;
//   - a score explanation p95; freezing the national ranking;
//   - the national ranking sheet (.xlsx), its time and the server's peak RSS (/proc/<pid>/status);
//   - saving a draft with its checks, p95, as a bureau;
//   - the bulk ingestion's time, and its ratio to a raw COPY of the same rows.
// Prints every figure with its target and met/MISSED; writes them as JSON to $BENCH_JSON when set.
// `--ingest-only` stops after the ingestion figures (seed, COPY, CPU per report round by round);
// BENCH_SEED_NODE_ARGS passes node flags to the seed (e.g. '--cpu-prof --cpu-prof-dir=DIR').
// Exits 1 on a missed target only with --strict. Sizes: --orgs N --years Y (or BENCH_ORGS,
// BENCH_YEARS). BENCH_NATION_DIR=<dir> keeps the seeded nation there and, when it holds one,
// reuses it: no seed, no ingestion figures (for work on what comes after the ingestion; the data
// changed by a run — a draft saved — stays; the snapshot it froze is deleted by the next run). Run with
// `pnpm bench national [--quick] [--strict]`.
import { randomBytes } from 'node:crypto';
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
import {
  graphqlDocuments,
  http,
  postgresCpuSeconds,
  rssMb,
  run,
  sampleRss,
  startServer,
  stopCommands,
  stopServer,
} from './national/helpers.mjs';
import { rawCopy, roundCpuFigures } from './national/ingest.mjs';
import { reporter } from './national/report.mjs';
import { measureFill } from './national/results-fill.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
};
const quick = args.includes('--quick');
const strict = args.includes('--strict');
// --ingest-only: the seed and the raw COPY only (for work on the ingestion)
const ingestOnly = args.includes('--ingest-only');
// node flags for the seed process, e.g. BENCH_SEED_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/p'
const seedNodeArgs = (process.env.BENCH_SEED_NODE_ARGS ?? '').split(' ').filter(Boolean);
const ORGS = Number(option('orgs') ?? process.env.BENCH_ORGS ?? (quick ? 12_000 : 120_000));
const YEARS = Number(option('years') ?? process.env.BENCH_YEARS ?? (quick ? 2 : 7));
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const PASSWORD = 'Bench-national-password-2026';

// Targets of the design (2-core machine).
const T = {
  rankingCold: 1000,
  rankingWarm: 100,
  overview: 150,
  explanation: 50,
  freeze: 5,
  xlsxSeconds: 10,
  xlsxRss: 300,
  saveDraft: 100,
  // 840,000 reports in 10 minutes, scaled to the size chosen
  ingestMinutes: Number(((10 * (ORGS * YEARS)) / 840_000).toPrecision(3)),
};

const { figures, figure, p95 } = reporter(RUNS);

async function main() {
  if (!existsSync(join(root, 'server', 'dist', 'cli', 'main.js'))) {
    console.log('building the server (tsc -b tsconfig.build.json)…');
    await run(
      process.execPath,
      [
        join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
        '-b',
        join(root, 'tsconfig.build.json'),
      ],
      {},
    );
  }
  const requireServer = createRequire(join(root, 'server', 'package.json'));
  const pg = requireServer('pg');
  const { startEmbeddedPostgres } = requireServer(
    join(root, 'server', 'dist', 'database', 'embedded-postgres.js'),
  );
  const cli = join(root, 'server', 'dist', 'cli', 'main.js');
  const kept = process.env.BENCH_NATION_DIR;
  if (kept) mkdirSync(kept, { recursive: true });
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'gongkai-national-'));
  chmodSync(dir, 0o777);
  const manifestPath = join(dir, 'manifest.json');
  const reused = kept !== undefined && existsSync(manifestPath);
  let database = null;
  let server = null;
  let client = null;
  // Ctrl-C or SIGTERM: end the seed or the server, stop PostgreSQL, remove the folder
  let interrupted = false;
  const interrupt = async () => {
    if (interrupted) return;
    interrupted = true;
    console.log('\ninterrupted: cleaning up');
    stopCommands();
    if (server) await stopServer(server);
    if (database) await database.stop().catch(() => undefined);
    if (!kept) rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    database = await startEmbeddedPostgres({ dataDir: join(dir, 'pg') });
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      DATABASE_URL: database.url,
      GONGKAI_DATA_DIR: join(dir, 'files'),
      GONGKAI_DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
    };
    client = new pg.Client({ connectionString: database.url });
    if (reused) {
      console.log(`reusing the nation seeded in ${dir}`);
      await client.connect();
      // the snapshot an earlier run froze would make this run's freeze "unchanged" and refused
      await client.query(`DELETE FROM ranking_snapshots WHERE title = 'national bench'`);
    } else {
      console.log(`seeding ${ORGS} bodies × ${YEARS} years (gongkai seed)…`);
      const seedStarted = performance.now();
      const seedPg = postgresCpuSeconds(database.dataDir);
      const roundPg = [];
      const seeded = await run(
        process.execPath,
        [
          ...seedNodeArgs,
          cli,
          'seed',
          '--orgs',
          String(ORGS),
          '--years',
          String(YEARS),
          '--seed',
          '1',
          '--manifest',
          manifestPath,
        ],
        env,
        {
          echo: true,
          // PostgreSQL's CPU at the end of each round's ingestion (the seed prints a line per round)
          onOutput: (text) => {
            // (and when the organizations are stored, where the first round starts)
            if (/^\d+ organizations \(/m.test(text))
              roundPg.push({ year: null, at: postgresCpuSeconds(database.dataDir) });
            for (const m of text.matchAll(/^(\d{4}): (\d+) reports in /gm))
              roundPg.push({ year: Number(m[1]), at: postgresCpuSeconds(database.dataDir) });
          },
        },
      );
      if (seeded.code !== 0)
        throw new Error(`seed failed (${seeded.code}): ${seeded.err.slice(-2000)}`);
      const seedSeconds = (performance.now() - seedStarted) / 1000;
      const seedPgCpu = postgresCpuSeconds(database.dataDir) - seedPg;
      // the seed stores the rounds' current rankings after the ingestion (outside its clock)
      const stored = /(\d+) current rankings stored in ([\d.]+) s/.exec(seeded.out);
      if (stored)
        figure(
          `${stored[1]} current rankings filled after ingestion`,
          Number(stored[2]),
          's',
          null,
        );
      const seededManifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      const reports = seededManifest.rounds.reduce((s, r) => s + r.reports, 0);
      // the seed's own clock: organizations, rounds and reports (not the start-up and migrations)
      const ingestSeconds = seededManifest.ingestSeconds;
      console.log(`  ${reports} reports in ${seededManifest.rounds.length} rounds`);
      figure('bulk ingestion', ingestSeconds / 60, 'min', T.ingestMinutes);
      roundCpuFigures(seededManifest, roundPg, seedPg, figure);
      if (roundPg.length > 0)
        figure('bulk ingestion, CPU of PostgreSQL', roundPg.at(-1).at - seedPg, 's', null);
      figure('gongkai seed, the whole command', seedSeconds / 60, 'min', null);
      // on a shared machine the wall clock depends on the neighbours: the seed's own CPU beside it
      if (seededManifest.ingestCpuSeconds !== undefined)
        figure(
          'bulk ingestion, CPU of the seed process',
          seededManifest.ingestCpuSeconds / 60,
          'min',
          null,
        );

      await client.connect();
      const copyPg = postgresCpuSeconds(database.dataDir);
      const copySeconds = await rawCopy(client, dir);
      const copyPgCpu = postgresCpuSeconds(database.dataDir) - copyPg;
      figure('raw COPY of the same rows', copySeconds, 's', null);
      // PostgreSQL's CPU: the seed's includes the migrations and the rankings' fill after it
      figure('gongkai seed, CPU of PostgreSQL', seedPgCpu, 's', null);
      figure('raw COPY, CPU of PostgreSQL', copyPgCpu, 's', null);
      figure('bulk ingestion ÷ raw COPY', ingestSeconds / copySeconds, '×', null);
      await client.query('ANALYZE');
    }
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (ingestOnly) return;

    // accounts: a supervisor of the nation, a bureau with a draft in the open round
    const open = manifest.rounds.find((r) => r.status === 'OPEN');
    const ranked = [...manifest.rounds].reverse().find((r) => r.status === 'CLOSED') ?? open;
    const draft = (
      await client.query(
        `SELECT s.id, o.code FROM submissions s JOIN organizations o ON o.id = s.organization_id
          WHERE s.round_id = $1 AND s.status = 'DRAFT' ORDER BY o.code LIMIT 1`,
        [open.id],
      )
    ).rows[0];
    const province = (
      await client.query(`SELECT id FROM organizations WHERE code = $1`, [
        `${manifest.rootCode}-P1`,
      ])
    ).rows[0].id;
    const body = (
      await client.query(
        `SELECT s.organization_id AS id FROM submissions s WHERE s.round_id = $1
          AND s.status IN ('APPROVED', 'PUBLISHED') ORDER BY s.organization_id LIMIT 1`,
        [ranked.id],
      )
    ).rows[0].id;
    for (const [name, role, org] of [
      ['bench-supervisor', 'supervisor', manifest.rootCode],
      ['bench-bureau', 'bureau', draft.code],
    ]) {
      const known = await client.query(`SELECT 1 FROM users WHERE username = $1`, [name]);
      if (known.rowCount > 0) continue;
      const added = await run(
        process.execPath,
        [cli, 'user', 'add', name, '--role', role, '--organization', org, '--password-stdin'],
        env,
        { stdin: PASSWORD },
      );
      if (added.code !== 0) throw new Error(`user add ${name}: ${added.err}`);
    }
    await client.end();
    client = null;

    server = await startServer(join(root, 'server', 'dist', 'main.js'), {
      ...env,
      HOST: '127.0.0.1',
      GONGKAI_SECRET: randomBytes(24).toString('hex'),
      GONGKAI_REQUEST_SECONDS: '600',
    });
    console.log(`server pid ${server.pid} (plain node) on 127.0.0.1:${server.port}`);
    const docs = graphqlDocuments(join(root, 'web', 'src', 'modules'));
    const signIn = async (username) => {
      const res = await http(server.port, 'POST', '/graphql', {
        body: { query: docs.op('SignIn'), variables: { input: { username, password: PASSWORD } } },
      });
      const cookie = res.headers['set-cookie']
        ?.find((c) => c.startsWith('gongkai_session='))
        ?.split(';')[0];
      if (!cookie) throw new Error(`sign-in of ${username} failed: ${res.body}`);
      return cookie;
    };
    const supervisor = await signIn('bench-supervisor');
    const bureau = await signIn('bench-bureau');
    const gql = async (cookie, name, variables) => {
      const res = await http(server.port, 'POST', '/graphql', {
        body: { query: docs.op(name), variables },
        cookie,
      });
      const json = JSON.parse(res.body.toString('utf8'));
      if (json.errors) throw new Error(`${name}: ${JSON.stringify(json.errors).slice(0, 500)}`);
      return { data: json.data, ms: res.totalMs };
    };
    figure('server RSS after start', rssMb(server.pid), 'MB', null);

    const rankingInput = { roundId: ranked.id, regionId: manifest.rootId, first: 50 };
    try {
      const cold = await gql(supervisor, 'Ranking', { input: rankingInput });
      console.log(`  ranking of ${cold.data.ranking.totalCount} bodies (round ${ranked.year})`);
      figure('first ranking page, cold', cold.ms, 'ms', T.rankingCold);
    } catch (error) {
      console.log(`  ${error.message.slice(0, 300)}`);
      figure('first ranking page, cold', null, 'ms', T.rankingCold);
    }
    await p95(
      'first ranking page, warm p95',
      T.rankingWarm,
      async () => (await gql(supervisor, 'Ranking', { input: rankingInput })).ms,
    );
    // the overview's top list: read from the stored result (filled by the seed) on every branch
    const topList = async () =>
      (await gql(supervisor, 'OverviewRanking', { input: rankingInput })).ms;
    figure('first top-list page (stored result), first read', await topList(), 'ms', null);
    const changes = new pg.Client({ connectionString: database.url });
    await changes.connect();
    await measureFill({ client: changes, roundId: ranked.id, page: topList, figure });
    await changes.end();
    const overview = { roundId: ranked.id, regionId: province };
    await p95(
      'province overview: progress + sub-regions p95',
      T.overview,
      async () =>
        (await gql(supervisor, 'RoundStats', { roundId: ranked.id, nodeId: province })).ms,
    );
    await p95(
      'province overview: heat-map p95',
      T.overview,
      async () => (await gql(supervisor, 'FlagMatrix', { ...overview, limit: 50 })).ms,
    );
    await p95(
      'province overview: findings by rule p95',
      T.overview,
      async () => (await gql(supervisor, 'FindingsByRule', overview)).ms,
    );
    await p95(
      'province overview: trend over the years p95',
      T.overview,
      async () =>
        (await gql(supervisor, 'RoundTrend', { regionId: province, withScores: true })).ms,
    );
    await p95(
      'score explanation p95',
      T.explanation,
      async () =>
        (await gql(supervisor, 'ScoreExplanation', { roundId: ranked.id, organizationId: body }))
          .ms,
    );

    const freezeSampler = sampleRss(server.pid);
    try {
      const frozen = await gql(supervisor, 'FreezeRanking', {
        input: { roundId: ranked.id, regionId: manifest.rootId, title: 'national bench' },
      });
      freezeSampler.stop();
      console.log(`  froze ${frozen.data.freezeRanking.entryCount} entries`);
      figure('freeze the national ranking', frozen.ms / 1000, 's', T.freeze);
    } catch (error) {
      freezeSampler.stop();
      console.log(`  ${error.message.slice(0, 300)}`);
      figure('freeze the national ranking', null, 's', T.freeze);
    }

    const xlsxSampler = sampleRss(server.pid);
    const xlsx = await http(server.port, 'POST', '/api/exports/ranking.xlsx', {
      body: { roundId: ranked.id, regionId: manifest.rootId },
      cookie: supervisor,
      sink: true,
    });
    const xlsxPeak = xlsxSampler.stop();
    if (xlsx.status === 200) {
      console.log(`  .xlsx of ${(xlsx.bytes / 1048576).toFixed(1)} MB`);
      figure('ranking .xlsx of the nation', xlsx.totalMs / 1000, 's', T.xlsxSeconds);
    } else {
      console.log(`  .xlsx export answered ${xlsx.status}`);
      figure('ranking .xlsx of the nation', null, 's', T.xlsxSeconds);
    }
    figure('ranking .xlsx: peak server RSS', xlsxPeak, 'MB', T.xlsxRss);

    try {
      const detail = await gql(bureau, 'Submission', { id: draft.id });
      let submission = detail.data.submission;
      const report = submission.currentVersion.report;
      let n = 0;
      await p95('save a draft with its checks p95', T.saveDraft, async () => {
        n += 1;
        const changed = structuredClone(report);
        changed.sections.other = `${report.sections.other ?? ''}（第${n}次修改）`;
        const saved = await gql(bureau, 'SaveDraft', {
          input: {
            submissionId: submission.id,
            expectedRevision: submission.revision,
            report: changed,
          },
        });
        submission = { ...submission, revision: saved.data.saveDraft.revision };
        return saved.ms;
      });
    } catch (error) {
      console.log(`  ${error.message.slice(0, 300)}`);
      figure('save a draft with its checks p95', null, 'ms', T.saveDraft);
    }
    figure('server RSS at the end', rssMb(server.pid), 'MB', null);
  } finally {
    if (client) await client.end().catch(() => undefined);
    if (server) await stopServer(server);
    if (database) await database.stop();
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
}

function summarise() {
  const missed = figures.filter((f) => f.met === false);
  console.log(
    missed.length === 0
      ? '\nall targets met'
      : `\nMISSED ${missed.length} of ${figures.filter((f) => f.met !== null).length} targets: ${missed.map((f) => f.name).join('; ')}`,
  );
  if (process.env.BENCH_JSON)
    writeFileSync(
      process.env.BENCH_JSON,
      `${JSON.stringify({ orgs: ORGS, years: YEARS, quick, figures }, null, 1)}\n`,
    );
  process.exit(strict && missed.length > 0 ? 1 : 0);
}

main()
  .then(summarise)
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
