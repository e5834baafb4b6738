// Two builds of the server side by side: the same requests, alternating in short rounds between
// a server started from `server/dist` and one started from another build (a copy of an earlier
// `server/dist` kept beside it, e.g. `server/.base/dist`), each on its own fresh demo database.
// Alternating makes both see the same machine load, so the difference in server CPU per request
// says what a change saves even on a busy machine.
//
//   mkdir -p server/.base && cp -r server/dist server/.base/dist   (before the change; ignored by git and lint)
//   node test/load/compare.mjs server/.base/dist [rounds, default 10] [requests per round, default 60] [concurrency, default 16]
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import {
  closedLoop,
  cpuMillis,
  graphql,
  ms,
  ORGANIZATION_DETAIL,
  REVIEW_QUEUE,
  reviewQueueVariables,
  root,
  signIn,
  startServer,
} from './lib.mjs';

const [baseDir, roundsArg, perRoundArg, concurrencyArg] = process.argv.slice(2);
if (!baseDir) {
  console.error('usage: node test/load/compare.mjs <other build dir> [rounds] [requests] [c]');
  process.exit(2);
}
const ROUNDS = Math.min(Number(roundsArg ?? 10), 100);
const PER_ROUND = Math.min(Number(perRoundArg ?? 60), 1000);
const CONCURRENCY = Math.min(Number(concurrencyArg ?? 16), 64);

async function prepare(label, main) {
  const server = await startServer({ main, quiet: true });
  const { url } = server;
  const reviewer = await signIn(url, 'demo-reviewer');
  const { body } = await graphql(url, '{ rounds { id year status } }', {}, reviewer);
  const open = body.data.rounds.find((r) => r.status === 'OPEN') ?? body.data.rounds[0];
  const { body: queue } = await graphql(url, REVIEW_QUEUE, reviewQueueVariables(open.id), reviewer);
  const orgIds = queue.data.reviewQueueEntries.edges.map((e) => e.node.organization.id);
  const kinds = {
    'review queue': () => graphql(url, REVIEW_QUEUE, reviewQueueVariables(open.id), reviewer),
    'organization page': (i) =>
      graphql(url, ORGANIZATION_DETAIL, { id: orgIds[i % orgIds.length] }, reviewer),
  };
  return { label, server, kinds, totals: {} };
}

const servers = [];
try {
  // one after the other: two demo loads at once would only slow each other down
  servers.push(await prepare('this build', join(root, 'server', 'dist', 'main.js')));
  servers.push(await prepare(baseDir, join(resolve(baseDir), 'main.js')));
  for (const kind of Object.keys(servers[0].kinds)) {
    for (const s of servers) for (let i = 0; i < 20; i++) await s.kinds[kind](i);
    for (let round = 0; round < ROUNDS; round++) {
      // alternate which goes first, so neither always follows the other's garbage collection
      const order = round % 2 ? [...servers].reverse() : servers;
      for (const s of order) {
        const before = cpuMillis(s.server.pid);
        const r = await closedLoop(PER_ROUND, CONCURRENCY, s.kinds[kind]);
        const after = cpuMillis(s.server.pid);
        const t = (s.totals[kind] ??= { n: 0, node: 0, postgres: 0, seconds: 0 });
        t.n += r.times.length;
        t.node += after.node - before.node;
        t.postgres += after.postgres - before.postgres;
        t.seconds += r.seconds;
      }
    }
    console.log(
      `${kind}: ${ROUNDS} rounds of ${PER_ROUND} requests each, c=${CONCURRENCY}, load ${loadavg()[0].toFixed(1)}`,
    );
    for (const s of servers) {
      const t = s.totals[kind];
      console.log(
        `  ${s.label.padEnd(20)} server ${ms(t.node / t.n).padStart(8)}  PostgreSQL ${ms(t.postgres / t.n).padStart(8)} CPU per request  ${(t.n / t.seconds).toFixed(0).padStart(5)} requests/s`,
      );
    }
  }
} finally {
  for (const s of servers) await s.server.stop();
}
