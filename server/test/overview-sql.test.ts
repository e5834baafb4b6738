import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OverviewService } from '../src/modules/overview/overview.service';
import {
  figures,
  SubmissionStatsService,
} from '../src/modules/submissions/submission-stats.service';
import { SubmissionsService } from '../src/modules/submissions/submissions.service';
import { createTestApp, type TestApp } from './test-app';
import { buildWorld, gqlOk, type World } from './support/world';
import {
  admin,
  type Org,
  type OverviewPopulation,
  reference,
  seedOverviewPopulation,
  trendPoint,
} from './support/overview-sql';

/**
 * The overview's aggregates are computed by PostgreSQL over the region's subtree. They must say
 * exactly what the pure `figures()` says over the rows `latestForSubtree` loads into Node, on a
 * population with every case the figures distinguish; and they must answer for a region larger
 * than a bind message can list (PostgreSQL's 65,535 parameters).
 */
describe('overview aggregates in SQL', () => {
  let sut: TestApp;
  let db: DataSource;
  let orgs: Org[];
  let rounds: OverviewPopulation['rounds'];
  let province: Org;
  let cities: Org[];

  beforeAll(async () => {
    sut = await createTestApp();
    db = sut.app.get(DataSource);
    ({ orgs, rounds, province, cities } = await seedOverviewPopulation(db));
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('roundStats equals figures() over latestForSubtree for every node, round and child', async () => {
    const stats = sut.app.get(SubmissionStatsService);
    const submissions = sut.app.get(SubmissionsService);
    const actor = admin(province);
    let compared = 0;
    const seen = { late: 0, onTime: 0, missing: 0, complete: 0, approved: 0, published: 0 };
    const nodes = orgs.filter((o) => o.level !== 'DEPARTMENT' || o.parentId === cities[0]!.id);
    for (const round of rounds) {
      for (const node of nodes) {
        const expected = await reference(submissions, round.id, node);
        const actual = await stats.roundStats(actor, round.id, node.id);
        expect(actual).toEqual(expected);
        compared += 1 + expected.children.length;
        if (node === province) {
          seen.late += expected.late;
          seen.onTime += expected.onTime;
          seen.missing += expected.missing;
          seen.complete += expected.complete;
          seen.approved += expected.approved;
          seen.published += expected.published;
        }
      }
    }
    // The population exercised every figure (a comparison of zeros would prove nothing).
    for (const [figure, count] of Object.entries(seen))
      expect({ figure, positive: count > 0 }).toEqual({ figure, positive: true });
    expect(compared).toBeGreaterThan(100);
  });

  it('counts a body on time to the last second of its deadline day, in Asia/Shanghai', async () => {
    const stats = sut.app.get(SubmissionStatsService);
    const submissions = sut.app.get(SubmissionsService);
    const round = rounds.find((r) => r.year === 2023)!;
    const { rows } = await submissions.latestForSubtree(round.id, province.id);
    const { lateOrganizationIds } = await stats.roundStats(admin(province), round.id, province.id);
    const late = new Set(lateOrganizationIds);
    const at = (utcTime: string) =>
      rows
        .filter((r) => r.submission?.firstSubmittedAt?.toISOString().endsWith(utcTime))
        .map((r) => r.organization.id);
    // 23:59:59 on the deadline day in Shanghai is 15:59:59Z; the next day begins at 16:00:00Z.
    const lastSecond = at('T15:59:59.000Z');
    const firstSecondAfter = at('T16:00:00.000Z');
    expect(lastSecond.length).toBeGreaterThan(0);
    expect(firstSecondAfter.length).toBeGreaterThan(0);
    expect(lastSecond.filter((id) => late.has(id))).toEqual([]);
    expect(firstSecondAfter.filter((id) => !late.has(id))).toEqual([]);
    // an extension moves the deadline: some extended bodies are on time, others still late
    const extended = rows.filter((r) => r.extended && r.submission?.firstSubmittedAt);
    expect(extended.some((r) => !late.has(r.organization.id))).toBe(true);
    expect(extended.some((r) => late.has(r.organization.id))).toBe(true);
  });

  it('the trend over years equals figures() over the rounds chosen for each year', async () => {
    const insights = sut.app.get(OverviewService);
    const submissions = sut.app.get(SubmissionsService);
    const actor = admin(province);
    const rowsOf = async (pairs: [string, string][]) =>
      (await Promise.all(pairs.map(([r, n]) => submissions.latestForSubtree(r, n)))).flatMap(
        (x) => x.rows,
      );
    const roundOf = (year: number, scope: Org) =>
      rounds.find((r) => r.year === year && r.scope === scope)!.id;
    // The province: 2020 from its cities' rounds together, then its own rounds (2024 is planned).
    const provinceExpected = [
      trendPoint(
        2020,
        roundOf(2020, cities[0]!),
        figures(
          province.id,
          await rowsOf([
            [roundOf(2020, cities[0]!), cities[0]!.id],
            [roundOf(2020, cities[1]!), cities[1]!.id],
          ]),
        ),
      ),
    ];
    for (const year of [2021, 2022, 2023])
      provinceExpected.push(
        trendPoint(
          year,
          roundOf(year, province),
          figures(province.id, await rowsOf([[roundOf(year, province), province.id]])),
        ),
      );
    const provinceTrend = await insights.roundTrend(actor, { regionId: province.id });
    expect(provinceTrend).toEqual(provinceExpected);
    // A city: its own round in 2020, the province's (counted for the city) after.
    const city = cities[1]!;
    const cityExpected = [];
    for (const [year, scope] of [
      [2020, city],
      [2021, province],
      [2022, province],
      [2023, province],
    ] as const)
      cityExpected.push(
        trendPoint(
          year,
          roundOf(year, scope),
          figures(city.id, await rowsOf([[roundOf(year, scope), city.id]])),
        ),
      );
    expect(await insights.roundTrend(actor, { regionId: city.id })).toEqual(cityExpected);
    expect(provinceTrend.every((p) => p.expected > p.submitted && p.submitted > p.onTime)).toBe(
      true,
    );
  });

  describe('a region larger than a bind message can list', () => {
    let w: World;
    let root: string;
    let round2023: string;
    const CITIES = 35;
    const PER_CITY = 2000;

    beforeAll(async () => {
      w = await buildWorld(sut);
      root = randomUUID();
      await db.transaction(async (m) => {
        await m.query(
          `INSERT INTO organizations (id, code, name, level, path, reports, revision)
           VALUES ($1::uuid, 'osql-nation', '全国', 'PROVINCE', '/' || $1::text || '/', true, 1)`,
          [root],
        );
        await m.query(
          `INSERT INTO organizations (id, code, name, level, parent_id, path, reports, revision)
           SELECT id, 'osql-c' || c, '第' || c || '市', 'CITY', $1::uuid, '/' || $1::text || '/' || id || '/', true, 1
             FROM (SELECT gen_random_uuid() AS id, c FROM generate_series(1, ${CITIES}) c) x`,
          [root],
        );
        await m.query(
          `INSERT INTO organizations (id, code, name, level, parent_id, path, reports, revision)
           SELECT d.id, d.code || '-' || d.n, d.name || '部门' || d.n, 'DEPARTMENT', d.parent_id,
                  d.path || d.id || '/', true, 1
             FROM (SELECT gen_random_uuid() AS id, c.id AS parent_id, c.code, c.name, c.path, n
                     FROM organizations c, generate_series(1, ${PER_CITY}) n
                    WHERE c.parent_id = $1) d`,
          [root],
        );
        for (const year of [2021, 2022, 2023]) {
          const [{ id }] = (await m.query(
            `INSERT INTO rounds (year, template, scope_organization_id, status, department_deadline,
                                 government_deadline, revision)
             VALUES ($1, '2021', $2, 'OPEN', $3, $4, 1) RETURNING id`,
            [year, root, `${year + 1}-01-31`, `${year + 1}-03-31`],
          )) as [{ id: string }];
          if (year === 2023) round2023 = id;
          // every other body submitted, a third of them after the deadline, half approved
          await m.query(
            `INSERT INTO submissions (round_id, organization_id, status, version_count,
                                      first_submitted_at, last_submitted_at, revision)
             SELECT $1, o.id, CASE WHEN x.k % 4 = 0 THEN 'APPROVED' ELSE 'SUBMITTED' END::submission_status, 0,
                    timestamptz '${year + 1}-01-20 10:00+08' + (x.k % 3) * interval '8 days',
                    timestamptz '${year + 1}-01-20 10:00+08', 1
               FROM (SELECT o.id, row_number() OVER (ORDER BY o.path) AS k
                       FROM organizations o WHERE o.path LIKE '/' || $2::text || '/%') x
               JOIN organizations o ON o.id = x.id
              WHERE x.k % 2 = 0`,
            [id, root],
          );
        }
      });
      await db.query('ANALYZE organizations');
      await db.query('ANALYZE submissions');
    });

    it('answers roundStats and roundTrend for the whole scope, with the counts PostgreSQL holds', async () => {
      const total = 1 + CITIES + CITIES * PER_CITY;
      expect(total).toBeGreaterThan(65_535);
      const [held] = (await db.query(
        `SELECT count(*) FILTER (WHERE s.first_submitted_at IS NOT NULL)::int AS submitted,
                count(*) FILTER (WHERE s.status = 'APPROVED')::int AS approved,
                count(*) FILTER (WHERE s.first_submitted_at <
                  CASE WHEN o.level = 'DEPARTMENT' THEN timestamptz '2024-02-01 00:00+08'
                       ELSE timestamptz '2024-04-01 00:00+08' END)::int AS on_time
           FROM submissions s JOIN organizations o ON o.id = s.organization_id
          WHERE s.round_id = $1`,
        [round2023],
      )) as { submitted: number; approved: number; on_time: number }[];
      const stats = await gqlOk<{
        roundStats: {
          expected: number;
          submitted: number;
          onTime: number;
          late: number;
          missing: number;
          approved: number;
          missingOrganizationIds: string[];
          children: { nodeId: string; expected: number; submitted: number }[];
        };
      }>(
        sut,
        `query($r: ID!, $n: ID!) { roundStats(roundId: $r, nodeId: $n) {
           expected submitted onTime late missing approved missingOrganizationIds
           children { nodeId expected submitted } } }`,
        { r: round2023, n: root },
        w.cookie.admin,
      );
      const s = stats.roundStats;
      expect(s.expected).toBe(total);
      expect({ submitted: s.submitted, approved: s.approved, onTime: s.onTime }).toEqual({
        submitted: held!.submitted,
        approved: held!.approved,
        onTime: held!.on_time,
      });
      expect(s.late).toBe(s.submitted - s.onTime);
      expect(s.missing).toBe(total - s.submitted);
      expect(s.missingOrganizationIds).toHaveLength(s.missing);
      expect(s.children).toHaveLength(CITIES);
      expect(s.children.reduce((sum, c) => sum + c.expected, 0)).toBe(total - 1);
      expect(s.children.reduce((sum, c) => sum + c.submitted, 0)).toBe(
        s.submitted - (s.missingOrganizationIds.includes(root) ? 0 : 1),
      );

      const trend = await gqlOk<{
        roundTrend: { year: number; expected: number; submitted: number; onTime: number }[];
      }>(
        sut,
        `query($g: ID!) { roundTrend(regionId: $g) { year expected submitted onTime } }`,
        { g: root },
        w.cookie.admin,
      );
      expect(trend.roundTrend.map((p) => p.year)).toEqual([2021, 2022, 2023]);
      for (const p of trend.roundTrend) expect(p.expected).toBe(total);
      expect(trend.roundTrend[2]).toEqual({
        year: 2023,
        expected: total,
        submitted: held!.submitted,
        onTime: held!.on_time,
      });
    });

    it('reads one city of it through the path index', async () => {
      const stats = sut.app.get(SubmissionStatsService);
      const insights = sut.app.get(OverviewService);
      const [city] = (await db.query(`SELECT id FROM organizations WHERE code = 'osql-c7'`)) as {
        id: string;
      }[];
      const [nation] = (await db.query(`SELECT id, path FROM organizations WHERE id = $1`, [
        root,
      ])) as Org[];
      // the statements the overview runs for the city, planned by PostgreSQL on these data
      const spy = jest.spyOn(DataSource.prototype, 'query');
      let calls: unknown[][];
      try {
        const figures = await stats.roundStats(admin(nation!), round2023, city!.id);
        expect(figures.expected).toBe(PER_CITY + 1);
        const trend = await insights.roundTrend(admin(nation!), { regionId: city!.id });
        expect(trend.map((p) => p.expected)).toEqual([PER_CITY + 1, PER_CITY + 1, PER_CITY + 1]);
      } finally {
        calls = [...spy.mock.calls];
        spy.mockRestore();
      }
      const aggregates = calls.filter(([sql]) => /JOIN subtree o ON/.test(String(sql)));
      expect(aggregates).toHaveLength(2);
      for (const [sql, params] of aggregates) {
        const [{ 'QUERY PLAN': plan }] = (await db.query(
          `EXPLAIN (FORMAT JSON) ${String(sql)}`,
          params as unknown[],
        )) as [{ 'QUERY PLAN': unknown }];
        expect(JSON.stringify(plan)).toContain('ix_organizations_path');
      }
    });
  });
});
