import type { Actor } from '../src/common/actor';
import type { RunningServer } from '../src/boot';
import { Role } from '../src/common/permissions';
import { JOBS_SCHEMA } from '../src/jobs/jobs.service';
import {
  FILL_JOB,
  RankingResultsFill,
  staleResults,
} from '../src/modules/scoring/ranking-results.job';
import { RankingService } from '../src/modules/scoring/ranking.service';
import { ScoreSummariesService } from '../src/modules/scoring/score-summaries.service';
import { RosterService } from '../src/modules/staffing/roster.service';
import { createTestApp, startSecondProcess, type TestApp } from './test-app';
import { buildWorld, gqlOk, submitted, type World } from './support/world';

const DAY_MS = 86_400_000;

/**
 * Stored ranking results keyed by change counters (rosters included) and filled by a pg-boss job
 * before anyone asks: two application instances with the job queue on, on one database.
 */
describe('stored ranking results filled in the background, with two processes', () => {
  let app: TestApp;
  let second: RunningServer;
  let w: World;
  let supervisor: Actor;
  let a: RankingService;
  let b: RankingService;
  let rosterReads: jest.SpyInstance[];

  const rosterReadCount = () => rosterReads.reduce((n, spy) => n + spy.mock.calls.length, 0);
  const page = async (rankings: RankingService, asOf?: Date) =>
    (
      await rankings.rankingPageInSql(
        supervisor,
        { roundId: w.round2023.id, regionId: w.org.city.id },
        { first: 100 },
        asOf,
      )
    ).rows.map(({ organizationId, score, rank, tied, listPosition }) => ({
      organizationId,
      score,
      rank,
      tied,
      listPosition,
    }));
  const direct = async (asOf?: Date) =>
    (
      await b.rankedInSql(supervisor, { roundId: w.round2023.id, regionId: w.org.city.id }, asOf)
    ).map(({ organizationId, score, rank, tied, listPosition }) => ({
      organizationId,
      score,
      rank,
      tied,
      listPosition,
    }));
  const resultOf = async (roundId: string) =>
    (
      (await app.dataSource.query(
        'SELECT id, day::text AS day, computed_at FROM ranking_results WHERE round_id = $1',
        [roundId],
      )) as { id: string; day: string; computed_at: Date }[]
    )[0] ?? null;
  /** Waits until no result asked for is missing at `asOf` (the jobs have filled them). */
  const settled = async (asOf: Date = new Date()) => {
    const until = Date.now() + 45_000;
    for (;;) {
      const stale = await staleResults(app.dataSource, asOf);
      if (stale.length === 0) return;
      if (Date.now() > until)
        throw new Error(`results still missing after 45 s: ${JSON.stringify(stale)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  const fillJobs = async (roundId: string) =>
    (
      (await app.dataSource.query(
        `SELECT count(*)::int AS n FROM (
           SELECT singleton_key, created_on FROM ${JOBS_SCHEMA}.job WHERE name = $1
           UNION ALL
           SELECT singleton_key, created_on FROM ${JOBS_SCHEMA}.archive WHERE name = $1) j
          WHERE j.singleton_key LIKE $2 || ':%'`,
        [FILL_JOB, roundId],
      )) as { n: number }[]
    )[0]!.n;

  beforeAll(async () => {
    app = await createTestApp({ env: { GONGKAI_JOBS: 'true' } });
    second = await startSecondProcess(app, { jobs: true });
    w = await buildWorld(app);
    a = app.app.get(RankingService);
    b = second.app.get(RankingService);
    rosterReads = [app.app, second.app].map((nest) =>
      jest.spyOn(nest.get(RosterService), 'summaries'),
    );
    supervisor = {
      userId: 'supervisor',
      username: w.username.supervisor,
      role: Role.SUPERVISOR,
      organizationId: w.org.city.id,
      organizationPath: w.org.city.path,
      sessionId: 'test',
    };
    await submitted(w, 'bureauA1', w.org.deptA1.id, '甲县科学技术局', 7);
    await submitted(w, 'bureauB1', w.org.deptB1.id, '乙县科学技术局', 3);
    await gqlOk(
      app,
      'mutation($i: SetRequiredPostsInput!) { setRequiredPosts(input: $i) { postKey } }',
      { i: { roundId: w.round2023.id } },
      w.cookie.reviewer,
    );
    // a roster in the round from the start (organizations without one are not asked about)
    await gqlOk(
      app,
      'mutation($i: AssignPostInput!) { assignPost(input: $i) { id } }',
      {
        i: {
          organizationId: w.org.deptB1.id,
          postKey: 'dedicatedStaff',
          holderName: '李明',
          fullTime: false,
          fromDate: '2020-01-01',
          untilDate: null,
        },
      },
      w.cookie.bureauB1,
    );
  }, 90_000);

  afterAll(async () => {
    for (const spy of rosterReads ?? []) spy.mockRestore();
    await second?.stop();
    await app?.close();
  });

  it('fills the changed round’s result without a request, once, whichever process works the job', async () => {
    await settled();
    const before = await resultOf(w.round2023.id);
    expect(before).not.toBeNull(); // an open round: its default model is filled unasked
    const reads = rosterReadCount();
    // submitted through the first instance; nobody asks for a ranking
    await submitted(w, 'bureauA2', w.org.deptA2.id, '甲县教育局', 5);
    expect(await staleResults(app.dataSource, new Date())).toContainEqual(
      expect.objectContaining({ roundId: w.round2023.id }),
    );
    await settled();
    const filled = await resultOf(w.round2023.id);
    expect(filled!.id).not.toBe(before!.id);
    // a few sweeps of both processes later: still that one result, filled by one job
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect((await resultOf(w.round2023.id))!.id).toBe(filled!.id);
    expect(rosterReadCount() - reads).toBe(1); // one fill read the rosters, once
    // filled by the queue's job (a job sent before the change may be the one that ran it)
    expect(await fillJobs(w.round2023.id)).toBeGreaterThanOrEqual(1);
    // the next page of either process reads it: no fill, no roster read
    const pages = [await page(a), await page(b)];
    expect(pages[1]).toEqual(pages[0]);
    expect(pages[0]!.find((row) => row.organizationId === w.org.deptA2.id)?.score).toBeGreaterThan(
      0,
    );
    expect((await resultOf(w.round2023.id))!.id).toBe(filled!.id);
    expect(rosterReadCount() - reads).toBe(1);
  }, 90_000);

  it('a page read with no change reads no roster, and a roster change through one process is in the other’s next page', async () => {
    await page(b); // current (filled by the job or by this read)
    const reads = rosterReadCount();
    const [first, again] = [await page(a), await page(b)];
    expect(again).toEqual(first);
    expect(rosterReadCount()).toBe(reads);
    const old = await resultOf(w.round2023.id);

    // a dedicated full-time holder on deptA1's roster, through the first instance's GraphQL
    await gqlOk(
      app,
      'mutation($i: AssignPostInput!) { assignPost(input: $i) { id } }',
      {
        i: {
          organizationId: w.org.deptA1.id,
          postKey: 'dedicatedStaff',
          holderName: '王芳',
          fullTime: true,
          fromDate: '2020-01-01',
          untilDate: null,
        },
      },
      w.cookie.bureauA1,
    );
    const after = await page(b);
    expect(after).not.toEqual(first); // deptA1's staffing is now measured from its roster
    expect((await resultOf(w.round2023.id))!.id).not.toBe(old!.id);
    expect(rosterReadCount()).toBeGreaterThan(reads); // the new result read the rosters
    // equal to the statement run now with the rosters read directly
    expect(after).toEqual(await direct());
    expect(await page(a)).toEqual(after);
  }, 90_000);

  it('the trend’s score summary of a region is the sum of its ranked scores, read from the stored result', async () => {
    await settled(); // the roster change above moved every city round's stamp: the job refills them
    for (const region of [w.org.city, w.org.countyA]) {
      const ranked = (
        await b.rankedInSql(supervisor, { roundId: w.round2023.id, regionId: region.id })
      ).filter((row) => row.score !== null);
      const reads = rosterReadCount();
      const summaries = await app.app.get(ScoreSummariesService).summaries(supervisor, region, [
        { round: w.round2023, scopePath: w.org.city.path },
        { round: w.round2022, scopePath: w.org.city.path },
      ]);
      const summary = summaries.get(w.round2023.id)!;
      expect(summaries.get(w.round2022.id)).toBeDefined();
      expect(rosterReadCount()).toBe(reads);
      expect(summary.scoredCount).toBe(ranked.length);
      expect(summary.scoredCount).toBeGreaterThan(0);
      expect(summary.scoreSum).toBe(ranked.reduce((sum, row) => sum + row.score!, 0));
    }
  });

  it('at Shanghai midnight the job fills the new day’s result before anyone asks', async () => {
    await settled();
    const tomorrow = new Date(Date.now() + DAY_MS);
    const fills = [app.app, second.app].map((nest) => nest.get(RankingResultsFill));
    for (const fill of fills) fill.clock = () => tomorrow;
    try {
      const day = tomorrow.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
      await settled(tomorrow);
      const filled = await resultOf(w.round2023.id);
      expect(filled!.day).toBe(day);
      const reads = rosterReadCount();
      expect(await page(b, tomorrow)).toEqual(await direct(tomorrow));
      expect((await resultOf(w.round2023.id))!.id).toBe(filled!.id); // read, not filled again
      expect(rosterReadCount() - reads).toBe(1); // the direct statement's, not the page's
    } finally {
      for (const fill of fills) fill.clock = () => new Date();
    }
  }, 90_000);
});
