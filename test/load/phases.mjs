// The floor phases of `pnpm load` (run.mjs): the GraphQL server and `floor-server.mjs` (node:http
// + pg, its own process, the same database) side by side on the same work, each with requests/s,
// p50/p95 and CPU per request (its node process, and PostgreSQL). Figures go through `figure(name,
// value, unit, target, met)`; the floor's have no target (they say what the machine can do).
//   - the same mix: the mix's user count, no think time, for the mix's duration — the bureau
//     users save their drafts (the server: `SaveDraft`; the floor: the same statements and checks,
//     `floor-save.mjs`), everyone else reads the review queue's first page or an organization's
//     page. Left out, as the floor has no endpoint for them: the review cycles, the queue's
//     filters and next pages, the `Submission` page and the supervisors' ranking and overview
//     (their users read the queue and organization pages here instead).
//   - the same reads: the review queue and an organization's page, alternating (c = users).
//   - saturation: each read alone at c=32.
// Beside each: the CPU ceiling, the requests/s that the measured CPU per request allows on this
// machine's cores (one node process on one core; node and PostgreSQL on all of them) — on a
// machine busy with other work it says what the code could reach, the throughput what it got.
import { availableParallelism } from 'node:os';
import {
  graphql,
  ms,
  ORGANIZATION_DETAIL,
  REVIEW_QUEUE,
  reviewQueueVariables,
  closedLoop,
  cpuMillis,
} from './lib.mjs';

const p = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];

/** POSTs to the floor; throws on any status but 200. */
function floorCall(floor, cookie) {
  return async (path, body) => {
    const res = await fetch(`${floor.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`floor ${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()).data;
  };
}

/** The two reads, from either side: `queue()` and `organization(i)`. */
function readers(side, { url, reviewer, roundId, orgIds }, floor) {
  if (side === 'server')
    return {
      queue: () => graphql(url, REVIEW_QUEUE, reviewQueueVariables(roundId), reviewer),
      organization: (i) =>
        graphql(url, ORGANIZATION_DETAIL, { id: orgIds[i % orgIds.length] }, reviewer),
    };
  const call = floorCall(floor, reviewer);
  return {
    queue: () => call('/queue', { roundId }),
    organization: (i) => call('/organization', { id: orgIds[i % orgIds.length] }),
  };
}

/** CPU (ms) of one side's node process and of PostgreSQL, measured around `run`. */
async function measured(side, pids, run) {
  const pgBefore = cpuMillis(pids.server).postgres;
  const nodeBefore = cpuMillis(pids[side]).node;
  const result = await run();
  const node = cpuMillis(pids[side]).node - nodeBefore;
  const postgres = cpuMillis(pids.server).postgres - pgBefore;
  return { ...result, node, postgres };
}

/**
 * The most requests per second this CPU cost allows on this machine, whatever the waiting: one
 * node process uses at most one core, and node and PostgreSQL together at most every core.
 */
export function cpuCeiling(nodeMs, postgresMs, cores = availableParallelism()) {
  return Math.min(1000 / nodeMs, (cores * 1000) / (nodeMs + postgresMs));
}

function line(label, r, n) {
  const ceiling = cpuCeiling(r.node / n, r.postgres / n);
  return `  ${label.padEnd(18)} ${r.perSecond.toFixed(0).padStart(6)} requests/s  p50 ${ms(p(r.times, 0.5)).padStart(9)}  p95 ${ms(p(r.times, 0.95)).padStart(9)}  CPU/request: node ${ms(r.node / n)}, PostgreSQL ${ms(r.postgres / n)}  (CPU ceiling ${ceiling.toFixed(0)}/s)`;
}

/**
 * Figures `<prefix>.throughput|p50|p95|<cpu>CpuPerRequest|postgresCpuPerRequest`; `cpu` names the
 * node process (`server` or `floor`); `targets` the server's saturation targets.
 */
function report(prefix, cpu, r, n, figure, targets = false) {
  const p95 = p(r.times, 0.95);
  figure(
    `${prefix}.throughput`,
    r.perSecond,
    'requests/s',
    targets ? '≥ 300' : null,
    targets ? r.perSecond >= 300 : null,
  );
  figure(`${prefix}.p50`, p(r.times, 0.5), 'ms', null, null);
  figure(`${prefix}.p95`, p95, 'ms', targets ? '≤ 150' : null, targets ? p95 <= 150 : null);
  figure(`${prefix}.${cpu}CpuPerRequest`, r.node / n, 'ms', null, null);
  figure(`${prefix}.postgresCpuPerRequest`, r.postgres / n, 'ms', null, null);
  figure(`${prefix}.cpuCeiling`, cpuCeiling(r.node / n, r.postgres / n), 'requests/s', null, null);
}

/**
 * The same mix on both sides, one after the other. `owners`: the bureau users ({ cookie, id,
 * revision, report, acked }); their acknowledged saves are read back by the caller.
 */
export async function sameMixPhase({ reads, floor, owners, users, seconds, pids, figure }) {
  console.log(
    `\nthe same mix on both sides (${users} users, ${owners.length} saving drafts, the rest reading the queue and organization pages; ${seconds} s each):`,
  );
  let saves = 0;
  for (const side of ['server', 'floor']) {
    const read = readers(side, reads, floor);
    const save =
      side === 'server'
        ? (o, report) =>
            graphql(
              reads.url,
              reads.saveDraft,
              { input: { submissionId: o.id, expectedRevision: o.revision, report } },
              o.cookie,
            ).then(({ body }) => body.data.saveDraft.revision)
        : (o, report) =>
            floorCall(floor, o.cookie)('/save', {
              submissionId: o.id,
              expectedRevision: o.revision,
              report,
            }).then((d) => d.revision);
    const times = [];
    let errors = 0;
    let i = 0;
    const timed = async (run) => {
      const t = performance.now();
      try {
        await run();
        times.push(performance.now() - t);
      } catch (error) {
        if (errors++ < 3) console.log(`  ${side} error: ${error.message.slice(0, 200)}`);
      }
    };
    const loops = [
      ...owners.map((o) => async () => {
        const title = `${o.report.title ?? '年度报告'}·对照${++saves}`;
        await timed(async () => {
          o.revision = await save(o, { ...o.report, title });
          o.acked = { title, revision: o.revision };
        });
      }),
      ...Array.from({ length: Math.max(0, users - owners.length) }, (_, k) =>
        k % 2 ? () => timed(() => read.queue()) : () => timed(() => read.organization(i++)),
      ),
    ];
    const r = await measured(side, pids, async () => {
      const started = performance.now();
      const deadline = started + seconds * 1000;
      await Promise.all(
        loops.map(async (loop) => {
          while (performance.now() < deadline) await loop();
        }),
      );
      const wall = (performance.now() - started) / 1000;
      times.sort((a, b) => a - b);
      return { times, perSecond: (times.length + errors) / wall };
    });
    const n = Math.max(1, times.length + errors);
    console.log(
      `${line(side === 'server' ? 'GraphQL server' : 'floor (http+pg)', r, n)}  errors ${errors}`,
    );
    report(`sameMix.${side}`, side, r, n, figure);
    figure(`sameMix.${side}.errors`, errors, 'requests', null, null);
  }
}

/** The review queue and an organization's page, alternating, at `concurrency`, on both sides. */
export async function floorPhase({ reads, floor, concurrency, requests, pids, figure }) {
  console.log(
    `\nthe same reads (review queue + organization page, c=${concurrency}, n=${requests}):`,
  );
  const results = {};
  for (const side of ['server', 'floor']) {
    const read = readers(side, reads, floor);
    const r = await measured(side, pids, () =>
      closedLoop(requests, concurrency, (i) => (i % 2 ? read.queue() : read.organization(i))),
    );
    console.log(line(side === 'server' ? 'GraphQL server' : 'floor (http+pg)', r, requests));
    report(`sameReads.${side}`, side, r, requests, figure);
    results[side] = r;
  }
  const ratio = results.server.perSecond / results.floor.perSecond;
  console.log(`  the server reaches ${ratio.toFixed(2)} of the floor's throughput`);
  figure('floor.throughput', results.floor.perSecond, 'requests/s', null, null);
  figure('reads.throughput', results.server.perSecond, 'requests/s', null, null);
  figure('reads.floorRatio', ratio, 'ratio', null, null);
}

/** Each read alone at c=32, on both sides (the server's with the ≥ 300/s, p95 ≤ 150 ms targets). */
export async function saturationPhase({ reads, floor, requests, pids, figure }) {
  console.log(`\nsaturation, one operation at a time, c=32, n=${requests}:`);
  for (const name of ['reviewQueue', 'organizationPage']) {
    for (const side of floor ? ['server', 'floor'] : ['server']) {
      const read = readers(side, reads, floor);
      const run = name === 'reviewQueue' ? () => read.queue() : (i) => read.organization(i);
      for (let i = 0; i < 20; i++) await run(i);
      const r = await measured(side, pids, () => closedLoop(requests, 32, run));
      console.log(line(`${name} ${side === 'server' ? 'server' : 'floor'}`, r, requests));
      if (side === 'server') report(`saturation.${name}`, 'server', r, requests, figure, true);
      else report(`saturation.floor.${name}`, 'floor', r, requests, figure);
    }
  }
}
