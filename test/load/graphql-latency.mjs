// GraphQL latency at the demo dataset's size: p50/p95 of the review queue and of an
// organization's detail page, measured against a server on loopback with a bounded number of
// requests. Starts the built server (`pnpm build` first) on a fresh embedded database with the
// demo data, unless GONGKAI_URL points at one already running (it must hold the demo accounts).
//
//   node test/load/graphql-latency.mjs [requests per operation, default 300] [concurrency, default 4]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REQUESTS = Math.min(Number(process.argv[2] ?? 300), 5000);
const CONCURRENCY = Math.min(Number(process.argv[3] ?? 4), 32);
const WARMUP = 20;
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function startServer() {
  const main = join(root, 'server', 'dist', 'main.js');
  if (!existsSync(main)) throw new Error('the server is not built: run `pnpm build` first');
  const dataDir = await mkdtemp(join(tmpdir(), 'gongkai-load-'));
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      GONGKAI_DATA_DIR: dataDir,
      GONGKAI_DEMO_DATA: 'true',
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (c) => (log += c));
  child.stderr.on('data', (c) => (log += c));
  const started = Date.now();
  while (!/running at http/.test(log)) {
    if (child.exitCode !== null || Date.now() - started > 180_000)
      throw new Error(`the server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`server ready on 127.0.0.1:${port} in ${seconds} s (fresh database + demo data)`);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) {
        process.kill(child.pid, 'SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function graphql(url, query, variables, cookie) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return { body, res };
}

async function signIn(url, username) {
  const { res } = await graphql(
    url,
    'mutation($i: SignInInput!) { signIn(input: $i) { user { id } } }',
    { i: { username, password: 'gongkai-demo' } },
  );
  return res.headers.get('set-cookie').split(';')[0];
}

const REVIEW_QUEUE = `query ReviewQueueEntries($round: ID!) {
  reviewQueueEntries(roundId: $round, first: 50) {
    totalCount pageInfo { hasNextPage endCursor }
    statusCounts { status count }
    edges { node {
      id status deadline extended late lastSubmittedAt waitingDays findingCount decidable
      organization { id name code }
      submission { id revision status }
    } }
  } }`;

const ORGANIZATION_DETAIL = `query OrganizationDetail($id: ID!) {
  organization(id: $id) { id code name level kind peerGroup region activeFromYear activeToYear parent { id name } children { id name } }
  submissions(organizationId: $id, first: 10) {
    edges { node {
      id status revision firstSubmittedAt approvedAt returnCount changesAfterApproval
      round { year template departmentDeadline }
      timeliness { deadline onTime finding { message } }
      versions { id number source createdAt errorCount warningCount }
      currentVersion { id report findings { key rule severity cells message justification } }
      comments { cell body createdAt }
      auditEvents { action fromStatus toStatus reason createdAt }
    } }
  } }`;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(label, run) {
  for (let i = 0; i < WARMUP; i++) await run(i);
  const times = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        const t = performance.now();
        await run(i);
        times.push(performance.now() - t);
      }
    }),
  );
  const wall = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const f = (ms) => `${ms.toFixed(1)} ms`;
  console.log(
    `${label.padEnd(22)} n=${times.length} c=${CONCURRENCY}  p50 ${f(percentile(times, 50))}  p95 ${f(percentile(times, 95))}  max ${f(times.at(-1))}  ${(times.length / wall).toFixed(0)} req/s`,
  );
}

const external = process.env.GONGKAI_URL;
const server = external ? { url: external, stop: async () => {} } : await startServer();
try {
  const reviewer = await signIn(server.url, 'demo-reviewer');
  const { body: rounds } = await graphql(server.url, '{ rounds { id year status } }', {}, reviewer);
  const open = rounds.data.rounds.find((r) => r.status === 'OPEN') ?? rounds.data.rounds[0];
  const { body: orgs } = await graphql(
    server.url,
    '{ organizations(first: 100, search: "局") { totalCount edges { node { id name } } } }',
    {},
    reviewer,
  );
  const ids = orgs.data.organizations.edges.map((e) => e.node.id);
  const admin = await signIn(server.url, 'demo-admin');
  const { body: size } = await graphql(
    server.url,
    '{ systemStatus { tables { name rows } } }',
    {},
    admin,
  );
  const rows = Object.fromEntries(size.data.systemStatus.tables.map((t) => [t.name, t.rows]));
  console.log(
    `dataset: ${rows.organizations} organizations, ${rows.submissions} submissions, ${rows.submission_versions} versions, ${rows.audit_events} audit events; queue round ${open.year}`,
  );
  await measure('reviewQueueEntries (50/page)', () =>
    graphql(server.url, REVIEW_QUEUE, { round: open.id }, reviewer),
  );
  await measure('organization detail', (i) =>
    graphql(server.url, ORGANIZATION_DETAIL, { id: ids[i % ids.length] }, reviewer),
  );
} finally {
  await server.stop();
}
