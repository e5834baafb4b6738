// GraphQL latency at the demo dataset's size: p50/p95 of the review queue and of an
// organization's detail page, measured against a server on loopback with a bounded number of
// requests. Starts the built server (`pnpm build` first) on a fresh embedded database with the
// demo data, unless GONGKAI_URL points at one already running (it must hold the demo accounts).
//
//   node test/load/graphql-latency.mjs [requests per operation, default 300] [concurrency, default 4]
import {
  graphql,
  ORGANIZATION_DETAIL,
  percentile,
  REVIEW_QUEUE,
  reviewQueueVariables,
  signIn,
  startServer,
} from './lib.mjs';

const REQUESTS = Math.min(Number(process.argv[2] ?? 300), 5000);
const CONCURRENCY = Math.min(Number(process.argv[3] ?? 4), 32);
const WARMUP = 20;

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
    graphql(server.url, REVIEW_QUEUE, reviewQueueVariables(open.id), reviewer),
  );
  await measure('organization detail', (i) =>
    graphql(server.url, ORGANIZATION_DETAIL, { id: ids[i % ids.length] }, reviewer),
  );
} finally {
  await server.stop();
}
