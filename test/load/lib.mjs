// Shared pieces of the load tests: start the built server on a fresh embedded database with the
// demo data, talk GraphQL to it, read the web's own GraphQL documents, and summarise latencies.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { graphqlDocuments } from '../bench/national/helpers.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Packages the server already depends on (`graphql`, `pg`), resolved from the server. */
export const fromServer = createRequire(join(root, 'server', 'package.json'));

export const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/**
 * Starts `server/dist/main.js` on a fresh data folder with the demo data. `env` adds variables
 * (GONGKAI_WORKERS, for example), `nodeArgs` flags for node (`--cpu-prof`, for example), `main`
 * another build of the server (a copy of `server/dist` beside it, to compare two builds).
 */
export async function startServer({
  env = {},
  nodeArgs = [],
  quiet = false,
  main = join(root, 'server', 'dist', 'main.js'),
} = {}) {
  if (!existsSync(main)) throw new Error('the server is not built: run `pnpm build` first');
  const dataDir = await mkdtemp(join(tmpdir(), 'gongkai-load-'));
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, main], {
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
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (c) => (log += c));
  child.stderr.on('data', (c) => (log += c));
  const started = Date.now();
  while (!/running at http/.test(log)) {
    if (child.exitCode !== null || Date.now() - started > 240_000) {
      if (child.exitCode === null) child.kill('SIGTERM');
      throw new Error(`the server did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!quiet) {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`server ready on 127.0.0.1:${port} in ${seconds} s (fresh database + demo data)`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    dataDir,
    log: () => log,
    /** The embedded PostgreSQL's URL (its port is the 4th line of postmaster.pid). */
    databaseUrl: async () => {
      const pid = await readFile(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8');
      const pgPort = Number(pid.split('\n')[3]);
      return `postgres://gongkai:gongkai-local@127.0.0.1:${pgPort}/gongkai`;
    },
    stop: async () => {
      if (child.exitCode === null) {
        process.kill(child.pid, 'SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export class GraphqlError extends Error {
  constructor(operation, status, errors) {
    super(`${operation}: HTTP ${status} ${JSON.stringify(errors).slice(0, 400)}`);
    this.status = status;
    this.errors = errors;
  }
}

/** One GraphQL POST; throws on HTTP errors and on `errors` in the body. */
export async function graphql(url, query, variables, cookie, operation = 'graphql') {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new GraphqlError(operation, res.status, text.slice(0, 200));
  }
  if (body.errors || !res.ok) throw new GraphqlError(operation, res.status, body.errors ?? body);
  return { body, res };
}

export async function signIn(url, username, password = 'gongkai-demo') {
  const { res } = await graphql(
    url,
    'mutation($i: SignInInput!) { signIn(input: $i) { user { id } } }',
    { i: { username, password } },
  );
  return res.headers.get('set-cookie').split(';')[0];
}

/**
 * The web's own GraphQL documents (`web/src/modules/<feature>/graphql/*.graphql`), by operation
 * name, each with the fragments it uses — the load sends exactly what the pages send.
 */
export function webOperations() {
  const { parse, print, visit } = fromServer('graphql');
  const modules = join(root, 'web', 'src', 'modules');
  const definitions = [];
  for (const feature of readdirSync(modules)) {
    const dir = join(modules, feature, 'graphql');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql')))
      definitions.push(...parse(readFileSync(join(dir, file), 'utf8')).definitions);
  }
  const fragments = new Map(
    definitions.filter((d) => d.kind === 'FragmentDefinition').map((d) => [d.name.value, d]),
  );
  const used = (node, seen = new Set()) => {
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (seen.has(name)) return;
        seen.add(name);
        used(fragments.get(name), seen);
      },
    });
    return seen;
  };
  const operations = new Map();
  for (const d of definitions.filter((x) => x.kind === 'OperationDefinition')) {
    const parts = [d, ...[...used(d)].map((n) => fragments.get(n))];
    operations.set(d.name.value, parts.map((p) => print(p)).join('\n'));
  }
  return operations;
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Latencies by operation name. */
export class Recorder {
  constructor() {
    this.byOperation = new Map();
    this.errors = [];
  }
  add(operation, ms) {
    let list = this.byOperation.get(operation);
    if (!list) this.byOperation.set(operation, (list = []));
    list.push(ms);
  }
  fail(operation, error) {
    this.errors.push({ operation, message: error.message });
  }
  all() {
    return [...this.byOperation.values()].flat().sort((a, b) => a - b);
  }
  summary() {
    return [...this.byOperation.entries()]
      .map(([name, list]) => {
        const sorted = [...list].sort((a, b) => a - b);
        return { name, n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
      })
      .sort((a, b) => b.n - a.n);
  }
}

/** Runs `run(i)` `requests` times over `concurrency` loops; latencies in ms, sorted. */
export async function closedLoop(requests, concurrency, run) {
  const times = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const i = next++;
        const t = performance.now();
        await run(i);
        times.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { times, seconds, perSecond: times.length / seconds };
}

export const ms = (v) => `${v.toFixed(1)} ms`;

/**
 * The two reads the saturation figures measure; the server's statement budget test counts the
 * same two. The review queue is the web's own operation; the organization page is this test's
 * document of what the web's organization pages read together.
 */
export const REVIEW_QUEUE = graphqlDocuments(join(root, 'web', 'src', 'modules')).op(
  'ReviewQueueEntries',
);
/** Its variables: the round's first page of 50, as the web asks for it. */
export const reviewQueueVariables = (roundId) => ({ roundId, first: 50 });
export const ORGANIZATION_DETAIL = readFileSync(
  join(root, 'test/load/queries/organization-detail.graphql'),
  'utf8',
);

/** A process and all its descendants (from /proc; Linux only). */
function processTree(pid) {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      for (const task of readdirSync(`/proc/${out[i]}/task`)) {
        const kids = readFileSync(`/proc/${out[i]}/task/${task}/children`, 'utf8').trim();
        if (kids) out.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/**
 * CPU time (user + system, ms) used so far by the server's node processes and, apart, by its
 * PostgreSQL processes — what a request costs, however busy the machine is with other work.
 * `nodeSystem` is the node processes' system (kernel) share of `node`. PostgreSQL's includes its
 * backends that have ended.
 */
export function cpuMillis(pid) {
  const tick = 10; // USER_HZ = 100 on Linux
  const sum = { node: 0, postgres: 0, nodeSystem: 0 };
  for (const p of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const used = (Number(fields[11]) + Number(fields[12])) * tick;
      // PostgreSQL's backends end when a pool closes an idle connection: what they used is then
      // counted in the postmaster's time of waited-for children (cutime + cstime)
      if (comm === 'postgres' || comm.startsWith('postgres'))
        sum.postgres += used + (Number(fields[13]) + Number(fields[14])) * tick;
      else {
        sum.node += used;
        sum.nodeSystem += Number(fields[12]) * tick;
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return sum;
}

/**
 * Zero lost writes: every acknowledged save (`owner.acked`) is what the submission holds now;
 * `q(name, variables, cookie)` sends the web's `Submission` query.
 */
export async function readBack(owners, q) {
  let lost = 0;
  let checked = 0;
  for (const o of owners.filter((x) => x.acked)) {
    const { body } = await q('Submission', { id: o.id }, o.cookie);
    const s = body.data.submission;
    checked++;
    const held = s.currentVersion?.report?.title;
    if (held !== o.acked.title || (!o.cycle && s.revision !== o.acked.revision)) {
      lost++;
      console.log(
        `LOST WRITE: ${o.id} holds “${held}” r${s.revision}, acknowledged “${o.acked.title}” r${o.acked.revision}`,
      );
    }
  }
  return { lost, checked };
}

/**
 * The demo's set-up every load script starts from: the admin's, reviewer's and supervisor's
 * sessions, the rounds newest first with the open and a closed one, and every entry of the open
 * round's review queue (read with the web's `ReviewQueueEntries` document, `queueDocument`).
 */
export async function demoSetUp(url, queueDocument) {
  const admin = await signIn(url, 'demo-admin');
  const reviewer = await signIn(url, 'demo-reviewer');
  const supervisor = await signIn(url, 'demo-supervisor');
  const { body: roundList } = await graphql(
    url,
    '{ rounds { id year status scopeOrganizationId } }',
    {},
    reviewer,
  );
  const rounds = [...roundList.data.rounds].sort((a, b) => b.year - a.year);
  const open = rounds.find((r) => r.status === 'OPEN') ?? rounds[0];
  const closed = rounds.find((r) => r.status === 'CLOSED') ?? rounds[0];
  const queue = [];
  for (let after = null; ;) {
    const { body } = await graphql(
      url,
      queueDocument,
      { roundId: open.id, first: 100, after },
      reviewer,
      'ReviewQueueEntries',
    );
    const page = body.data.reviewQueueEntries;
    queue.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { admin, reviewer, supervisor, rounds, open, closed, queue };
}

/**
 * Creates a bureau account of a queue entry's body (as the admin), signs it in and reads the
 * entry's submission as it with the web's `Submission` document: `{ cookie, submission }`.
 */
export async function bureauOf(url, admin, entry, submissionDocument, account) {
  const { username, displayName, password } = account;
  await graphql(
    url,
    'mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }',
    {
      i: {
        username,
        displayName,
        organizationId: entry.organization.id,
        role: 'BUREAU',
        password,
      },
    },
    admin,
  );
  const cookie = await signIn(url, username, password);
  const { body } = await graphql(
    url,
    submissionDocument,
    { id: entry.submission.id },
    cookie,
    'Submission',
  );
  return { cookie, submission: body.data.submission };
}
