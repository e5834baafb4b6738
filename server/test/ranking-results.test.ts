import type { Actor } from '../src/common/actor';
import type { RunningServer } from '../src/boot';
import { Role } from '../src/common/permissions';
import { RankingService } from '../src/modules/scoring/ranking.service';
import {
  previousRanks,
  referenceRanking,
  referenceRound,
  referenceRow,
} from './support/reference-scoring';
import { createTestApp, startSecondProcess, type TestApp } from './test-app';
import { buildWorld, gqlOk, submitted, type World } from './support/world';

/**
 * Stored population results: one per round × model × stamps × Shanghai day, in PostgreSQL only,
 * so two application instances on one database read the same result, fill it once when they ask
 * at the same time, and see a change made through either at their next page.
 */
describe('stored ranking results with two server processes on one database', () => {
  let app: TestApp;
  let second: RunningServer;
  let w: World;
  let supervisor: Actor;
  let a: RankingService;
  let b: RankingService;

  const results = async () =>
    (await app.dataSource.query(
      'SELECT id, round_id, organization_count FROM ranking_results ORDER BY computed_at',
    )) as { id: string; round_id: string; organization_count: number }[];
  const page = async (rankings: RankingService, scope: Record<string, unknown>, asOf?: Date) =>
    (
      await rankings.rankingPageInSql(
        supervisor,
        { roundId: w.round2023.id, regionId: w.org.city.id, ...scope },
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
  const direct = async (scope: Record<string, unknown>, asOf?: Date) =>
    (
      await b.rankedInSql(
        supervisor,
        { roundId: w.round2023.id, regionId: w.org.city.id, ...scope },
        asOf,
      )
    ).map(({ organizationId, score, rank, tied, listPosition }) => ({
      organizationId,
      score,
      rank,
      tied,
      listPosition,
    }));

  beforeAll(async () => {
    app = await createTestApp();
    second = await startSecondProcess(app, { jobs: false });
    w = await buildWorld(app);
    a = app.app.get(RankingService);
    b = second.app.get(RankingService);
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
  }, 60_000);

  afterAll(async () => {
    await second?.stop();
    await app?.close();
  });

  it('fills one result when both processes ask at once, and both read it', async () => {
    expect(await results()).toEqual([]);
    const pages = await Promise.all([page(a, {}), page(b, {}), page(a, {}), page(b, {})]);
    const stored = await results();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.round_id).toBe(w.round2023.id);
    expect(stored[0]!.organization_count).toBeGreaterThan(2);
    for (const p of pages) expect(p).toEqual(pages[0]);
    expect(pages[0]).toEqual(await direct({}));
    // the two submitted reports score; the others are missing after the deadline (0)
    expect(pages[0]!.filter((row) => (row.score ?? 0) > 0)).toHaveLength(2);
    // a sub-population (county, peer group) is ranked among itself from the same result
    expect(await page(b, { regionId: w.org.countyA.id })).toEqual(
      await direct({ regionId: w.org.countyA.id }),
    );
    const peers = await page(a, { peerGroup: 'county-department' });
    expect(peers.length).toBeGreaterThan(1);
    expect(peers.length).toBeLessThan(pages[0]!.length);
    expect(peers).toEqual(await direct({ peerGroup: 'county-department' }));
    expect(await results()).toEqual(stored);
  });

  it('a change made through one process is in the other one’s next page', async () => {
    const before = await page(b, {});
    const [old] = await results();
    // submitted through the first instance's GraphQL
    await submitted(w, 'bureauA2', w.org.deptA2.id, '甲县教育局', 5);
    const after = await page(b, {});
    expect(after).not.toEqual(before);
    const scoreOf = (rows: typeof before) =>
      rows.find((row) => row.organizationId === w.org.deptA2.id)?.score ?? 0;
    expect(scoreOf(before)).toBe(0);
    expect(scoreOf(after)).toBeGreaterThan(0);
    expect(after).toEqual(await direct({}));
    expect(await page(a, {})).toEqual(after);
    const stored = await results();
    expect(stored).toHaveLength(1); // the older result went in the same transaction
    expect(stored[0]!.id).not.toBe(old!.id);
  });

  it('a fill commits statistics of its rows and flags that know the new result and not the replaced one', async () => {
    const statsOf = async () =>
      (await app.dataSource.query(
        `SELECT tablename, most_common_vals::text::uuid[] AS ids
           FROM pg_stats WHERE tablename IN ('ranking_result_rows', 'ranking_result_flags')
            AND attname = 'result_id' ORDER BY tablename`,
      )) as { tablename: string; ids: string[] }[];
    const [old] = await results();
    expect((await statsOf()).map((s) => [s.tablename, s.ids])).toEqual([
      ['ranking_result_flags', [old!.id]],
      ['ranking_result_rows', [old!.id]],
    ]);
    // a change (what a submission's trigger does): the next page fills a new result
    await app.dataSource.query(`SELECT scoring_touch(ARRAY['round:' || $1::text])`, [
      w.round2023.id,
    ]);
    await page(a, {});
    const [now] = await results();
    expect(now!.id).not.toBe(old!.id);
    expect((await statsOf()).map((s) => [s.tablename, s.ids])).toEqual([
      ['ranking_result_flags', [now!.id]],
      ['ranking_result_rows', [now!.id]],
    ]);
  });

  it('the ranking query reads pages from the stored result exactly as the package ranks them', async () => {
    type Page = {
      ranking: {
        totalCount: number;
        populationCount: number;
        rankedCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { node: Record<string, unknown> }[];
      };
    };
    const fields =
      'organizationId organizationName peerGroup departmentType rank tied score previousRank rankChange';
    const read = async (node: string, filter: Record<string, unknown>) => {
      const rows: Record<string, unknown>[] = [];
      let after: string | null = null;
      let last: Page['ranking'];
      do {
        const data: Page = await gqlOk<Page>(
          app,
          `query($i: RankingInput!) { ranking(input: $i) { totalCount populationCount rankedCount
            pageInfo { hasNextPage endCursor } edges { node { ${node} } } } }`,
          { i: { roundId: w.round2023.id, regionId: w.org.city.id, first: 2, after, ...filter } },
          w.cookie.supervisor,
        );
        last = data.ranking;
        rows.push(...last.edges.map((edge) => edge.node));
        after = last.pageInfo.endCursor;
      } while (last.pageInfo.hasNextPage);
      const { totalCount, populationCount, rankedCount } = last;
      return { totalCount, populationCount, rankedCount, rows };
    };
    await app.dataSource.query('DELETE FROM ranking_results');
    for (const filter of [{}, { search: '甲县' }, { peerGroup: 'county-department' }]) {
      const sql = await read(fields, filter);
      // the package over the whole reports, for the same population and filters
      const { round, region } = await a.resolveScope(supervisor, {
        roundId: w.round2023.id,
        regionId: w.org.city.id,
      });
      const { peerGroup = null, search = null } = filter as {
        peerGroup?: string;
        search?: string;
      };
      const scored = await referenceRound(app.app, round.id);
      const entries = referenceRanking(scored, {
        regionPath: region.path,
        peerGroup,
        previousRanks: await previousRanks(app.app, round, region.id, peerGroup),
      });
      const rows = entries
        .map((entry) => referenceRow(scored, entry))
        .filter((row) => search === null || row.organizationName.includes(search))
        .map((row) => ({
          organizationId: row.organizationId,
          organizationName: row.organizationName,
          peerGroup: row.peerGroup,
          departmentType: row.departmentType,
          rank: row.rank,
          tied: row.tied,
          score: row.score,
          previousRank: row.previousRank,
          rankChange: row.rankChange,
        }));
      expect(sql.rows.length).toBeGreaterThan(0);
      expect(sql).toEqual({
        totalCount: rows.length,
        populationCount: entries.length,
        rankedCount: entries.filter((entry) => entry.rank !== null).length,
        rows,
      });
    }
    expect(await results()).toHaveLength(1); // the SQL path filled the result it read
  });

  it('another Shanghai day is another result, equal to the statement at that instant', async () => {
    const deadline = new Date(`${w.round2023.departmentDeadline}T00:00:00+08:00`);
    for (const days of [-30, 0, 1, 40]) {
      const asOf = new Date(deadline.getTime() + days * 86_400_000 + 3_600_000);
      expect(await page(a, {}, asOf)).toEqual(await direct({}, asOf));
    }
  });
});
