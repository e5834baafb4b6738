// `pnpm load`: the server under a crowd. Starts the built server (`pnpm build` first) on a fresh
// embedded database with the demo data, then, on loopback, bounded in time and count:
//   1. the mix — 200 concurrent users, no think time, reading and writing as the demo's roles do
//      (review queue pages with filters, organization pages, ranking, overview, bureau draft
//      saves with their checks, submit → return → resubmit → approve → reopen cycles); checks
//      zero errors and zero lost writes (every acknowledged save is read back at the end);
//   2. the floor — a minimal hand-written node:http + pg endpoint on the same database
//      (`floor-server.mjs`) beside the GraphQL server: the same mix of draft saves and reads, the
//      same reads alone, each at the mix's concurrency (phases.mjs);
//   3. saturation — one operation at a time, c=32: the review queue and an organization's page,
//      on the server and on the floor.
// Prints requests/s and p50/p95 overall and per operation; writes
// { "figures": [ { name, value, unit, target, met } ] } to $BENCH_JSON when set.
//
//   node test/load/run.mjs [--quick] [--users N] [--seconds S] [--only saturation]
//   GONGKAI_WORKERS=2 node test/load/run.mjs     (several server processes)
//   LOAD_CPU_PROF=/tmp/prof node test/load/run.mjs (profile the server)
//   LOAD_SERVER_LOG=/tmp/server.log node test/load/run.mjs (keep what the server printed)
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startFloor } from './floor-server.mjs';
import { floorPhase, sameMixPhase, saturationPhase } from './phases.mjs';
import {
  bureauOf,
  cpuMillis,
  demoSetUp,
  graphql,
  ms,
  readBack,
  Recorder,
  startServer,
  webOperations,
} from './lib.mjs';

const argv = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const QUICK = argv.includes('--quick');
/** `--only saturation`: just the per-operation runs (quick before/after figures of a change). */
const ONLY = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : null;
const USERS = Math.min(flag('users', 200), 1000);
const SECONDS = Math.min(flag('seconds', QUICK ? 10 : 60), 600);
const MAX_REQUESTS = QUICK ? 20_000 : 200_000;
const FLOOR_REQUESTS = QUICK ? 1_000 : 6_000;
const SATURATION_REQUESTS = QUICK ? 300 : 2_000;
const LOAD_PASSWORD = 'Load-test-2026-only';

const ops = webOperations();
const op = (name) => {
  const text = ops.get(name);
  if (!text) throw new Error(`the web has no operation ${name}`);
  return text;
};
const pick = (list, i = Math.random() * list.length) => list[Math.floor(i) % list.length];

const figures = [];
function figure(name, value, unit, target, met) {
  figures.push({ name, value: Math.round(value * 10) / 10, unit, target, met });
}

// LOAD_CPU_PROF=<dir>: the server writes a CPU profile there when it stops (read it with
// `node test/load/cpu-profile-summary.mjs`).
const server = await startServer({
  // another build of the server (a copy of server/dist kept beside it), for a before/after
  main: process.env.LOAD_SERVER_MAIN ? resolve(process.env.LOAD_SERVER_MAIN) : undefined,
  env: process.env.GONGKAI_WORKERS ? { GONGKAI_WORKERS: process.env.GONGKAI_WORKERS } : {},
  nodeArgs: process.env.LOAD_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOAD_CPU_PROF}`]
    : [],
});
let floor = null;
try {
  const url = server.url;
  const q = (name, variables, cookie) => graphql(url, op(name), variables, cookie, name);

  // ---- set-up: the accounts and the submissions each virtual user owns ----
  const { admin, reviewer, supervisor, open, closed, queue } = await demoSetUp(
    url,
    op('ReviewQueueEntries'),
  );
  const cityId = open.scopeOrganizationId;
  const orgIds = queue.map((e) => e.organization.id);
  /** What the floor and saturation phases read again and again (phases.mjs). */
  const reads = { url, reviewer, roundId: open.id, orgIds, saveDraft: op('SaveDraft') };
  const { body: children } = await q('ChildOrganizations', { parentId: cityId }, reviewer);
  const subRegions = children.data.organizations.edges.map((e) => e.node.id);

  // Bureau users: one per body with an editable draft; cycles: bodies waiting for a decision.
  const editable = queue.filter((e) => ['DRAFT', 'RETURNED'].includes(e.status));
  const waiting = queue.filter((e) => ['SUBMITTED', 'RESUBMITTED'].includes(e.status));
  const cycles = ONLY ? [] : waiting.slice(0, Math.max(1, Math.round(USERS * 0.05)));
  const bureaus = ONLY ? [] : editable.slice(0, Math.round(USERS * 0.3));
  const owners = [];
  for (const [i, entry] of [...bureaus, ...cycles].entries()) {
    const username = `load-bureau-${i + 1}`;
    const { cookie, submission: s } = await bureauOf(url, admin, entry, op('Submission'), {
      username,
      displayName: `压测·${entry.organization.name}`,
      password: LOAD_PASSWORD,
    });
    if (!s.currentVersion) throw new Error(`${entry.organization.name} has no saved version`);
    owners.push({
      cookie,
      id: s.id,
      status: s.status,
      revision: s.revision,
      report: s.currentVersion.report,
      acked: null,
      cycle: i >= bureaus.length,
    });
  }
  const submissionIds = queue.filter((e) => e.submission).map((e) => e.submission.id);
  console.log(
    `set-up: round ${open.year} with ${queue.length} bodies; ${bureaus.length} bureau users saving drafts, ${cycles.length} running review cycles`,
  );

  if (ONLY !== 'saturation') {
    // ---- 1. the mix ----
    const rec = new Recorder();
    const deadline = performance.now() + SECONDS * 1000;
    let sent = 0;
    const going = () => performance.now() < deadline && sent < MAX_REQUESTS;
    const timed = async (name, run) => {
      sent++;
      const t = performance.now();
      try {
        const result = await run();
        rec.add(name, performance.now() - t);
        return result;
      } catch (error) {
        rec.fail(name, error);
        return null;
      }
    };
    const call = (name, variables, cookie) => timed(name, () => q(name, variables, cookie));

    let saves = 0;
    const save = async (owner) => {
      const title = `${owner.report.title ?? '年度报告'}·压测${++saves}`;
      const report = { ...owner.report, title };
      const r = await call(
        'SaveDraft',
        { input: { submissionId: owner.id, expectedRevision: owner.revision, report } },
        owner.cookie,
      );
      if (!r) return false;
      const s = r.body.data.saveDraft;
      owner.revision = s.revision;
      owner.acked = { title, revision: s.revision };
      return true;
    };
    const decide = async (name, input, key) => {
      const r = await call(name, { input }, reviewer);
      return r ? r.body.data[key] : null;
    };

    const roles = {
      async reviewer() {
        const variables = pick([
          { roundId: open.id, first: 50 },
          { roundId: open.id, first: 50, statuses: ['SUBMITTED', 'RESUBMITTED'] },
          { roundId: open.id, first: 50, late: true, sort: 'WAITING' },
          { roundId: open.id, first: 50, search: pick(['局', '镇', '委', '办']) },
          {
            roundId: open.id,
            first: 50,
            withinId: pick(subRegions),
            sort: 'FINDINGS',
            descending: true,
          },
          { roundId: open.id, first: 50, severity: 'ERROR' },
        ]);
        const r = await call('ReviewQueueEntries', variables, reviewer);
        const page = r?.body.data.reviewQueueEntries;
        if (page?.pageInfo.hasNextPage && Math.random() < 0.3)
          await call(
            'ReviewQueueEntries',
            { ...variables, after: page.pageInfo.endCursor },
            reviewer,
          );
      },
      async organization() {
        const id = pick(orgIds);
        await Promise.all([
          call('OrganizationDetail', { id }, reviewer),
          call('OrganizationSubmissions', { organizationId: id, first: 20 }, reviewer),
        ]);
        if (Math.random() < 0.5) await call('Submission', { id: pick(submissionIds) }, reviewer);
      },
      async supervisor() {
        const which = Math.random();
        if (which < 0.4)
          await call(
            'Ranking',
            { input: { roundId: closed.id, regionId: cityId, first: 20 } },
            supervisor,
          );
        else if (which < 0.7)
          await call('RoundStats', { roundId: open.id, nodeId: cityId }, supervisor);
        else if (which < 0.85)
          await call('FindingsByRule', { roundId: open.id, regionId: cityId }, supervisor);
        else await call('RoundTrend', { regionId: cityId, withScores: false }, supervisor);
      },
      async bureau(owner) {
        await save(owner);
        if (Math.random() < 0.2) await call('Submission', { id: owner.id }, owner.cookie);
      },
      /** One body's whole review cycle, the bureau's and the reviewer's steps in turn. */
      async cycle(owner) {
        let s;
        switch (owner.status) {
          case 'SUBMITTED':
          case 'RESUBMITTED':
            s =
              Math.random() < 0.5
                ? await decide(
                    'ReturnSubmission',
                    {
                      submissionId: owner.id,
                      expectedRevision: owner.revision,
                      reason: '压测：请核对数据',
                    },
                    'returnSubmission',
                  )
                : await decide(
                    'ApproveSubmission',
                    { submissionId: owner.id, expectedRevision: owner.revision },
                    'approveSubmission',
                  );
            break;
          case 'APPROVED':
            s = await decide(
              'ReopenSubmission',
              {
                submissionId: owner.id,
                expectedRevision: owner.revision,
                reason: '压测：重新打开',
              },
              'reopenSubmission',
            );
            break;
          default: {
            if (!(await save(owner))) return;
            const r = await call(
              'SubmitSubmission',
              {
                input: {
                  submissionId: owner.id,
                  expectedRevision: owner.revision,
                  ...(owner.status === 'RETURNED' ? { reply: '压测：已修改' } : {}),
                },
              },
              owner.cookie,
            );
            s = r?.body.data.submitSubmission;
          }
        }
        if (!s) {
          // a refused step leaves the state unknown: read it back before going on
          const r = await call('Submission', { id: owner.id }, owner.cookie);
          s = r?.body.data.submission;
        }
        if (s) {
          owner.status = s.status;
          owner.revision = s.revision;
        }
      },
    };

    const plan = [];
    for (const o of owners) plan.push(() => (o.cycle ? roles.cycle(o) : roles.bureau(o)));
    const rest = USERS - plan.length;
    for (let i = 0; i < rest; i++) {
      const r = i / rest;
      plan.push(r < 0.45 ? roles.reviewer : r < 0.75 ? roles.organization : roles.supervisor);
    }
    console.log(
      `mix: ${plan.length} concurrent users for ${SECONDS} s (at most ${MAX_REQUESTS} requests), no think time`,
    );
    const began = performance.now();
    const cpuBefore = cpuMillis(server.pid);
    await Promise.all(
      plan.map(async (user) => {
        while (going()) await user();
      }),
    );
    const wall = (performance.now() - began) / 1000;
    const cpuAfter = cpuMillis(server.pid);

    const { lost, checked } = await readBack(owners, q);
    const all = rec.all();
    const total = all.length + rec.errors.length;
    const p50 = all.length ? all[Math.floor(all.length * 0.5)] : NaN;
    const p95 = all.length ? all[Math.min(all.length - 1, Math.floor(all.length * 0.95))] : NaN;
    console.log(
      `\nmix: ${total} requests in ${wall.toFixed(1)} s = ${(total / wall).toFixed(0)} requests/s; p50 ${ms(p50)}, p95 ${ms(p95)}; ${rec.errors.length} errors; ${saves} saves, ${lost} of ${checked} read back lost`,
    );
    const perRequest = (key) => (cpuAfter[key] - cpuBefore[key]) / Math.max(1, total);
    console.log(
      `  CPU per request: server ${ms(perRequest('node'))}, PostgreSQL ${ms(perRequest('postgres'))}`,
    );
    for (const s of rec.summary())
      console.log(
        `  ${s.name.padEnd(26)} n=${String(s.n).padStart(6)}  p50 ${ms(s.p50).padStart(10)}  p95 ${ms(s.p95).padStart(10)}`,
      );
    const errorKinds = new Map();
    for (const e of rec.errors) {
      const key = `${e.operation}: ${e.message.slice(0, 160)}`;
      errorKinds.set(key, (errorKinds.get(key) ?? 0) + 1);
    }
    for (const [k, n] of errorKinds) console.log(`  ERROR ×${n} ${k}`);
    figure('load.users', plan.length, 'users', '≥ 200', plan.length >= 200);
    figure('load.throughput', total / wall, 'requests/s', null, null);
    figure('load.p50', p50, 'ms', null, null);
    figure('load.serverCpuPerRequest', perRequest('node'), 'ms', null, null);
    figure('load.postgresCpuPerRequest', perRequest('postgres'), 'ms', null, null);
    figure('load.p95', p95, 'ms', '≤ 500', p95 <= 500);
    figure('load.errors', rec.errors.length, 'requests', '= 0', rec.errors.length === 0);
    figure('load.lostWrites', lost, 'saves', '= 0', lost === 0 && checked > 0);
    for (const s of rec.summary()) figure(`load.p95.${s.name}`, s.p95, 'ms', null, null);

    // ---- 2. the floor: the same work from the GraphQL server and from node:http + pg ----
    floor = await startFloor(await server.databaseUrl());
    const pids = { server: server.pid, floor: floor.pid };
    const savers = owners.filter((o) => !o.cycle);
    await sameMixPhase({
      reads,
      floor,
      owners: savers,
      users: plan.length,
      seconds: SECONDS,
      pids,
      figure,
    });
    const after = await readBack(savers, q);
    figure('sameMix.lostWrites', after.lost, 'saves', '= 0', after.lost === 0 && after.checked > 0);
    const concurrency = Math.min(USERS, 200);
    await floorPhase({ reads, floor, concurrency, requests: FLOOR_REQUESTS, pids, figure });
  }

  // ---- 3. saturation: one operation at a time, c=32 ----
  if (!floor) floor = await startFloor(await server.databaseUrl());
  const pids = { server: server.pid, floor: floor.pid };
  await saturationPhase({ reads, floor, requests: SATURATION_REQUESTS, pids, figure });
} finally {
  if (floor) await floor.stop();
  await server.stop();
  if (process.env.LOAD_SERVER_LOG) await writeFile(process.env.LOAD_SERVER_LOG, server.log());
}

console.log('\nfigures:');
for (const f of figures)
  console.log(
    `  ${f.name.padEnd(44)} ${String(f.value).padStart(9)} ${f.unit}${f.target ? `  (target ${f.target}: ${f.met ? 'met' : 'MISSED'})` : ''}`,
  );
if (process.env.BENCH_JSON) {
  await writeFile(process.env.BENCH_JSON, `${JSON.stringify({ figures }, null, 2)}\n`);
  console.log(`figures written to ${process.env.BENCH_JSON}`);
}
const missed = figures.filter((f) => f.met === false);
if (
  figures.some((f) => f.name === 'load.errors' && !f.met) ||
  figures.some((f) => f.name === 'load.lostWrites' && !f.met)
)
  process.exitCode = 1;
console.log(
  missed.length ? `targets missed: ${missed.map((f) => f.name).join(', ')}` : 'all targets met',
);
