// What one request of each kind costs the server: CPU time (user + system, from /proc) per
// request of the server's node process and of PostgreSQL, beside requests/s and p50/p95, for the
// review queue's first page, an organization's page, the ranking's first page and saving a draft
// (the web's own documents), and of `{ __typename }` (HTTP, Apollo and nothing else). On a machine shared with other work the CPU per request is the
// comparable figure; throughput and latency are printed with the load average at the time.
//
//   node test/load/request-cost.mjs [requests per kind, default 400] [concurrency, default 32]
//   LOAD_CPU_PROF=/tmp/prof node test/load/request-cost.mjs   (the server writes a CPU profile)
//   node test/load/request-cost.mjs 400 32 --only queue,organization
//   LOAD_SERVER_MAIN=server/.base/dist/main.js node test/load/request-cost.mjs   (another build)
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { cpuCeiling } from './phases.mjs';
import {
  bureauOf,
  closedLoop,
  demoSetUp,
  cpuMillis,
  graphql,
  ms,
  ORGANIZATION_DETAIL,
  REVIEW_QUEUE,
  reviewQueueVariables,
  startServer,
  webOperations,
} from './lib.mjs';

const argv = process.argv.slice(2);
const positional = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
const REQUESTS = Math.min(Number(positional[0] ?? 400), 10_000);
const CONCURRENCY = Math.min(Number(positional[1] ?? 32), 64);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : null;
const WARMUP = 20;
const PASSWORD = 'Load-test-2026-only';

const ops = webOperations();
const server = await startServer({
  // another build of the server (a copy of server/dist kept beside it), for a before/after
  main: process.env.LOAD_SERVER_MAIN ? resolve(process.env.LOAD_SERVER_MAIN) : undefined,
  nodeArgs: process.env.LOAD_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOAD_CPU_PROF}`]
    : [],
});
try {
  const { url } = server;
  const { admin, reviewer, supervisor, open, closed, queue } = await demoSetUp(
    url,
    ops.get('ReviewQueueEntries'),
  );
  const orgIds = queue.map((e) => e.organization.id);

  // one bureau account per editable draft, each saving its own draft in turn
  const owners = [];
  if (!only || only.includes('save')) {
    const editable = queue.filter((e) => ['DRAFT', 'RETURNED'].includes(e.status));
    for (const [i, entry] of editable.slice(0, CONCURRENCY).entries()) {
      const username = `cost-bureau-${i + 1}`;
      const { cookie, submission: s } = await bureauOf(url, admin, entry, ops.get('Submission'), {
        username,
        displayName: `测·${entry.organization.name}`,
        password: PASSWORD,
      });
      owners.push({
        cookie,
        id: s.id,
        revision: s.revision,
        report: s.currentVersion.report,
        saves: 0,
      });
    }
  }
  const save = async (i) => {
    const owner = owners[i % owners.length];
    if (owner.busy) return save(i + 1);
    owner.busy = true;
    try {
      const report = {
        ...owner.report,
        title: `${owner.report.title ?? '年度报告'}·${++owner.saves}`,
      };
      const { body } = await graphql(
        url,
        ops.get('SaveDraft'),
        { input: { submissionId: owner.id, expectedRevision: owner.revision, report } },
        owner.cookie,
      );
      owner.revision = body.data.saveDraft.revision;
    } finally {
      owner.busy = false;
    }
  };

  const kinds = [
    ['plumbing', 'plumbing ({ __typename })', () => graphql(url, '{ __typename }', {}, reviewer)],
    [
      'queue',
      'review queue (50 rows)',
      () => graphql(url, REVIEW_QUEUE, reviewQueueVariables(open.id), reviewer),
    ],
    [
      'organization',
      'organization page',
      (i) => graphql(url, ORGANIZATION_DETAIL, { id: orgIds[i % orgIds.length] }, reviewer),
    ],
    [
      'ranking',
      'ranking (first 20)',
      () =>
        graphql(
          url,
          ops.get('Ranking'),
          { input: { roundId: closed.id, regionId: open.scopeOrganizationId, first: 20 } },
          supervisor,
        ),
    ],
    ['save', 'saving a draft', save],
  ];
  console.log(
    `n=${REQUESTS} per kind, c=${CONCURRENCY} (saves: c=${Math.min(CONCURRENCY, owners.length)})`,
  );
  for (const [key, label, run] of kinds) {
    if (only && !only.includes(key)) continue;
    for (let i = 0; i < WARMUP; i++) await run(i);
    const before = cpuMillis(server.pid);
    const c = key === 'save' ? Math.min(CONCURRENCY, owners.length) : CONCURRENCY;
    const r = await closedLoop(REQUESTS, c, run);
    const after = cpuMillis(server.pid);
    const cpu = (k) => (after[k] - before[k]) / r.times.length;
    const p = (q) => r.times[Math.min(r.times.length - 1, Math.floor(r.times.length * q))];
    console.log(
      `  ${label.padEnd(24)} ${r.perSecond.toFixed(0).padStart(5)} requests/s  p50 ${ms(p(0.5)).padStart(9)}  p95 ${ms(p(0.95)).padStart(9)}  CPU/request: server ${ms(cpu('node'))} (kernel ${ms(cpu('nodeSystem'))}), PostgreSQL ${ms(cpu('postgres'))}, CPU ceiling ${cpuCeiling(cpu('node'), cpu('postgres')).toFixed(0)}/s  (load ${loadavg()[0].toFixed(1)})`,
    );
  }
} finally {
  await server.stop();
}
