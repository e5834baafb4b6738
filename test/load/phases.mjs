// The phases of `pnpm load` (run.mjs) after the mix: the floor and saturation. Each gets the
// reads it repeats (`{ url, reviewer, roundId, orgIds }`) and reports through `figure(name,
// value, unit, target, met)`.
import { closedLoop, cpuMillis, graphql, ms, ORGANIZATION_DETAIL, REVIEW_QUEUE } from './lib.mjs';

/** The review queue's first page and an organization's page, from the GraphQL server. */
function graphqlReads({ url, reviewer, roundId, orgIds }) {
  return {
    reviewQueue: () => graphql(url, REVIEW_QUEUE, { round: roundId }, reviewer),
    organizationPage: (i) =>
      graphql(url, ORGANIZATION_DETAIL, { id: orgIds[i % orgIds.length] }, reviewer),
  };
}

/**
 * The floor: the same reads, alternating, at the same concurrency, once from the GraphQL server
 * and once from `floor-server.mjs` (node:http + pg) on the same database.
 */
export async function floorPhase(floor, reads, concurrency, requests, mixPerSecond, figure) {
  const { reviewer, roundId, orgIds } = reads;
  const raw = async (path, body) => {
    const res = await fetch(`${floor.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: reviewer },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`floor ${path}: HTTP ${res.status} ${await res.text()}`);
    await res.json();
  };
  const server = graphqlReads(reads);
  const readsGraphql = (i) => (i % 2 ? server.reviewQueue(i) : server.organizationPage(i));
  const readsFloor = (i) =>
    i % 2 ? raw('/queue', { roundId }) : raw('/organization', { id: orgIds[i % orgIds.length] });
  const g = await closedLoop(requests, concurrency, readsGraphql);
  const f = await closedLoop(requests, concurrency, readsFloor);
  const p = (r, q) => ms(r.times[Math.floor(r.times.length * q)]);
  console.log(
    `\nthe same reads (review queue + organization page, c=${concurrency}, n=${requests}):\n` +
      `  GraphQL server  ${g.perSecond.toFixed(0).padStart(6)} requests/s  p50 ${p(g, 0.5)}  p95 ${p(g, 0.95)}\n` +
      `  floor (http+pg) ${f.perSecond.toFixed(0).padStart(6)} requests/s  p50 ${p(f, 0.5)}  p95 ${p(f, 0.95)}\n` +
      `  ratio           ${(g.perSecond / f.perSecond).toFixed(2)} of the floor; the mix ran at ${(mixPerSecond / f.perSecond).toFixed(2)} of it`,
  );
  figure('floor.throughput', f.perSecond, 'requests/s', null, null);
  figure('reads.throughput', g.perSecond, 'requests/s', null, null);
  figure('reads.floorRatio', g.perSecond / f.perSecond, 'ratio', null, null);
}

/** Saturation: one server process, one operation at a time at c=32, with CPU per request. */
export async function saturationPhase(serverPid, reads, requests, figure) {
  console.log(`\nsaturation, one operation at a time, c=32, n=${requests}:`);
  for (const [name, run] of Object.entries(graphqlReads(reads))) {
    for (let i = 0; i < 20; i++) await run(i);
    const before = cpuMillis(serverPid);
    const r = await closedLoop(requests, 32, run);
    const after = cpuMillis(serverPid);
    const cpu = (key) => (after[key] - before[key]) / r.times.length;
    const p95s = r.times[Math.floor(r.times.length * 0.95)];
    console.log(
      `  ${name.padEnd(18)} ${r.perSecond.toFixed(0).padStart(5)} requests/s  p50 ${ms(r.times[Math.floor(r.times.length / 2)])}  p95 ${ms(p95s)}  CPU/request: server ${ms(cpu('node'))}, PostgreSQL ${ms(cpu('postgres'))}`,
    );
    figure(`saturation.${name}.serverCpuPerRequest`, cpu('node'), 'ms', null, null);
    figure(`saturation.${name}.postgresCpuPerRequest`, cpu('postgres'), 'ms', null, null);
    figure(`saturation.${name}.throughput`, r.perSecond, 'requests/s', '≥ 300', r.perSecond >= 300);
    figure(`saturation.${name}.p95`, p95s, 'ms', '≤ 150', p95s <= 150);
  }
}
