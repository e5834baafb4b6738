import { loadConfig } from '../src/config/config';
import { demoCalendar } from '../src/demo/demo-calendar';
import { fillDemoRankings } from '../src/demo/demo-rankings';
import { staleResults } from '../src/modules/scoring/ranking-results.job';
import { versionsWithoutInputs } from '../src/modules/scoring/version-inputs.store';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoBootHook } from '../src/demo/demo-seed';
import { createTestApp, type TestApp } from './test-app';
import { gqlOk, signIn } from './support/world';

describe('demo dataset', () => {
  let app: TestApp;
  let seconds = 0;
  let rankingsFilled = 0;
  beforeAll(async () => {
    app = await createTestApp({
      hooks: {
        afterMigrations: async (dataSource, config) => {
          const t = performance.now();
          await demoBootHook(dataSource, { ...config, demoData: true });
          seconds = (performance.now() - t) / 1000;
        },
        // as the server's start does after loading the demo
        afterInit: async (nest) => {
          rankingsFilled = await fillDemoRankings(nest);
        },
      },
    });
  }, 120_000);
  afterAll(() => app.close());

  it('loads a city with its counties, 20–40 departments each, seven rounds up to the current one and a mix of states', async () => {
    const { firstYear, currentYear } = demoCalendar(new Date());
    const [counts] = await app.dataSource.query(`SELECT
      (SELECT count(*) FROM organizations WHERE level = 'COUNTY')::int AS counties,
      (SELECT count(*) FROM rounds r JOIN organizations o ON o.id = r.scope_organization_id WHERE o.code = 'DEMO-C' AND r.year BETWEEN ${firstYear} AND ${currentYear})::int AS rounds,
      (SELECT count(*) FROM submissions s JOIN organizations o ON o.id = s.organization_id WHERE o.code LIKE 'DEMO-SAMPLE-%')::int AS samples,
      (SELECT count(*) FROM submissions)::int AS submissions,
      (SELECT count(*) FROM submission_versions)::int AS versions,
      (SELECT count(DISTINCT status) FROM submissions)::int AS states,
      (SELECT count(*) FROM organizations WHERE NOT is_demo)::int AS not_demo`);
    expect(counts.counties).toBe(5);
    expect(counts.rounds).toBe(7);
    expect(counts.states).toBe(6);
    expect(counts.samples).toBeGreaterThanOrEqual(2); // seed reports 002 (2016) and 004 (2019) at least
    expect(counts.not_demo).toBe(0);
    const perCounty: { n: number }[] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM organizations d JOIN organizations c ON d.parent_id = c.id WHERE c.level = 'COUNTY' AND d.level = 'DEPARTMENT' GROUP BY c.id`,
    );
    expect(perCounty).toHaveLength(5);
    for (const { n } of perCounty) {
      expect(n).toBeGreaterThanOrEqual(20);
      expect(n).toBeLessThanOrEqual(40);
    }
    const defects: { rule: string }[] = await app.dataSource.query(
      `SELECT DISTINCT f->>'rule' AS rule FROM submission_versions v, jsonb_array_elements(v.findings) f`,
    );
    expect(defects.map((d) => d.rule)).toEqual(
      expect.arrayContaining([
        'applications.rowTotal',
        'staffing.noDedicatedStaff',
        'originality.previousYear',
        'originality.peer',
        'completeness.blankCells',
      ]),
    );
    // the planted near-copies of the open round: stored without the other body's name
    const copies: { copier: string; peer: string; message: string; bureau: boolean }[] =
      await app.dataSource.query(
        `SELECT o.code AS copier, p.code AS peer, f->>'messageEn' AS message,
                EXISTS (SELECT 1 FROM users u
                         WHERE u.username = 'demo-bureau' AND u.organization_id = o.id) AS bureau
           FROM submission_versions v JOIN submissions s ON s.id = v.submission_id
           JOIN organizations o ON o.id = s.organization_id, jsonb_array_elements(v.findings) f
           JOIN organizations p ON p.id = (f->'data'->>'peerOrganizationId')::uuid
          WHERE f->>'rule' = 'originality.peer' AND v.id = s.current_version_id`,
      );
    expect(copies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ bureau: true }),
        expect.objectContaining({ copier: 'DEMO-BL-JYJ' }),
      ]),
    );
    for (const c of copies) expect(c.message).toContain("another body's report in this round");
    process.stdout.write(
      `demo seed: ${counts.submissions} submissions, ${counts.versions} versions in ${seconds.toFixed(1)} s\n`,
    );
  });

  it('leaves every version with current scoring inputs, so no background job rewrites them after start', async () => {
    const query = (sql: string, parameters?: unknown[]) =>
      app.dataSource.query(sql, parameters) as Promise<unknown[]>;
    expect(await versionsWithoutInputs(query, 10)).toEqual([]);
    const [versions] = (await app.dataSource.query(
      `SELECT count(*)::int AS n FROM submission_versions`,
    )) as { n: number }[];
    expect(versions!.n).toBeGreaterThan(100);
  });

  it('stores the current ranking of every demo round before the server opens', async () => {
    expect(rankingsFilled).toBeGreaterThanOrEqual(7);
    expect(await staleResults(app.dataSource, new Date())).toEqual([]);
    const [stored] = (await app.dataSource.query(
      `SELECT count(DISTINCT x.round_id)::int AS rounds, min(x.organization_count)::int AS fewest
         FROM ranking_results x JOIN rounds r ON r.id = x.round_id
         JOIN organizations o ON o.id = r.scope_organization_id
        WHERE o.code = 'DEMO-C'`,
    )) as { rounds: number; fewest: number }[];
    expect(stored!.rounds).toBeGreaterThanOrEqual(7);
    expect(stored!.fewest).toBeGreaterThan(100);
  });

  it('opens the four demo accounts with the documented password', async () => {
    for (const username of DEMO_ACCOUNTS) {
      const cookie = await signIn(app, username, DEMO_PASSWORD);
      const me = await gqlOk<{ me: { user: { username: string; isDemo: boolean } } }>(
        app,
        '{ me { user { username isDemo } } }',
        {},
        cookie,
      );
      expect(me.me.user).toEqual({ username, isDemo: true });
    }
  });

  it('refuses to start in production while demo accounts exist', async () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      GONGKAI_SECRET: 'x'.repeat(40),
      DATABASE_URL: app.databaseUrl,
    });
    await expect(demoBootHook(app.dataSource, config)).rejects.toThrow(/demo account/);
  });
});

describe(demoCalendar.name, () => {
  it.each([
    ['2026-11-30T23:59:00+08:00', 2025],
    ['2026-12-01T00:00:00+08:00', 2026],
    ['2026-12-06T10:00:00+08:00', 2026],
    ['2027-02-15T10:00:00+08:00', 2026],
    ['2027-07-01T10:00:00+08:00', 2026],
    ['2027-11-30T16:30:00Z', 2027], // 1 December 00:30 in Shanghai
  ])('on %s the round being collected is %i', (at, year) => {
    const sut = demoCalendar(new Date(at));
    expect(sut.currentYear).toBe(year);
    expect(sut.years).toEqual([year - 6, year - 5, year - 4, year - 3, year - 2, year - 1, year]);
    expect(sut.opened.getTime()).toBeLessThanOrEqual(new Date(at).getTime());
  });
});

type Row = Record<string, unknown>;

/**
 * The demo loaded "on" other days: one open round for the right year with live work for every
 * demo role, the earlier rounds closed, nothing dated after the load instant.
 */
describe.each([
  ['2026-12-06T10:00:00+08:00', 2026, false],
  ['2027-01-20T10:00:00+08:00', 2026, false],
  ['2027-02-15T10:00:00+08:00', 2026, true],
  ['2027-07-01T10:00:00+08:00', 2026, true],
])('demo dataset loaded on %s', (at, year, pastDepartmentDeadline) => {
  const now = new Date(at);
  let app: TestApp;
  const one = async (sql: string, params: unknown[] = []): Promise<Row> =>
    ((await app.dataSource.query(sql, params)) as Row[])[0]!;
  beforeAll(async () => {
    app = await createTestApp({
      hooks: {
        afterMigrations: async (dataSource, config) => {
          await demoBootHook(dataSource, { ...config, demoData: true }, () => now);
        },
      },
    });
  }, 120_000);
  afterAll(() => app.close());

  it(`has one open round, for ${year}, and six closed ones before it`, async () => {
    const rounds = (await app.dataSource.query(
      `SELECT r.year, r.status FROM rounds r JOIN organizations o ON o.id = r.scope_organization_id
        WHERE o.code = 'DEMO-C' ORDER BY r.year`,
    )) as { year: number; status: string }[];
    expect(rounds).toEqual([
      ...[6, 5, 4, 3, 2, 1].map((n) => ({ year: year - n, status: 'CLOSED' })),
      { year, status: 'OPEN' },
    ]);
    const open = await one(`SELECT count(*)::int AS n FROM rounds WHERE status = 'OPEN'`);
    expect(open.n).toBe(1);
  });

  it('dates nothing after the day it is loaded', async () => {
    const latest = await one(`SELECT greatest(
        (SELECT max(greatest(created_at, updated_at, first_submitted_at, last_submitted_at,
                             approved_at, published_at)) FROM submissions),
        (SELECT max(created_at) FROM submission_versions),
        (SELECT max(created_at) FROM audit_events),
        (SELECT max(created_at) FROM review_comments),
        (SELECT max(created_at) FROM round_extensions)) AS at`);
    expect((latest.at as Date).getTime()).toBeLessThanOrEqual(now.getTime());
    const future = await one(`SELECT count(*)::int AS n FROM rounds WHERE year > $1`, [year]);
    expect(future.n).toBe(0);
  });

  it('has a realistic mix of states in the open round, late bodies once the deadline passed, and extensions', async () => {
    const mix = (await app.dataSource.query(
      `SELECT s.status, count(*)::int AS n FROM submissions s JOIN rounds r ON r.id = s.round_id
        WHERE r.status = 'OPEN' GROUP BY s.status`,
    )) as { status: string; n: number }[];
    const n = (status: string) => mix.find((m) => m.status === status)?.n ?? 0;
    const states = ['DRAFT', 'SUBMITTED', 'RETURNED', 'RESUBMITTED', 'APPROVED'];
    expect(states.filter((status) => n(status) === 0)).toEqual([]);
    const returned = await one(
      `SELECT count(*)::int AS n FROM review_comments c JOIN submissions s ON s.id = c.submission_id
         JOIN rounds r ON r.id = s.round_id WHERE r.status = 'OPEN' AND s.status = 'RETURNED'`,
    );
    expect(returned.n).toBeGreaterThan(0);
    const late = await one(
      `SELECT count(*)::int AS n FROM submissions s JOIN rounds r ON r.id = s.round_id
         JOIN organizations o ON o.id = s.organization_id
        WHERE r.status = 'OPEN' AND o.level = 'DEPARTMENT'
          AND (s.first_submitted_at AT TIME ZONE 'Asia/Shanghai')::date > r.department_deadline
          AND NOT EXISTS (SELECT 1 FROM round_extensions e
                           WHERE e.round_id = r.id AND e.organization_id = o.id)`,
    );
    if (pastDepartmentDeadline) expect(late.n).toBeGreaterThan(0);
    else expect(late.n).toBe(0);
    const extensions = await one(
      `SELECT count(*)::int AS n FROM round_extensions e JOIN rounds r ON r.id = e.round_id
        WHERE r.status = 'OPEN'`,
    );
    expect(extensions.n).toBeGreaterThanOrEqual(2);
  });

  it('gives the demo bureau an editable report in the open round, which it can save', async () => {
    const cookie = await signIn(app, 'demo-bureau', DEMO_PASSWORD);
    const me = await gqlOk<{ me: { user: { organizationId: string } } }>(
      app,
      '{ me { user { organizationId } } }',
      {},
      cookie,
    );
    const { rounds } = await gqlOk<{ rounds: { id: string; year: number; status: string }[] }>(
      app,
      'query($o: ID!) { rounds(forOrganizationId: $o) { id year status } }',
      { o: me.me.user.organizationId },
      cookie,
    );
    expect(rounds[0]).toEqual(expect.objectContaining({ year, status: 'OPEN' }));
    const { submissions } = await gqlOk<{
      submissions: {
        edges: {
          node: {
            id: string;
            status: string;
            revision: number;
            roundId: string;
            currentVersion: { report: Record<string, unknown> };
          };
        }[];
      };
    }>(
      app,
      'query($o: ID!) { submissions(organizationId: $o, first: 20) { edges { node { id status revision roundId currentVersion { report } } } } }',
      { o: me.me.user.organizationId },
      cookie,
    );
    const current = submissions.edges.find((e) => e.node.roundId === rounds[0]!.id)?.node;
    expect(current?.status).toBe(pastDepartmentDeadline ? 'RETURNED' : 'DRAFT');
    const saved = await gqlOk<{ saveDraft: { revision: number; versionCount: number } }>(
      app,
      'mutation($input: SaveDraftInput!) { saveDraft(input: $input) { revision versionCount } }',
      {
        input: {
          submissionId: current!.id,
          expectedRevision: current!.revision,
          report: { ...current!.currentVersion.report, publishedOn: '2027-01-05' },
        },
      },
      cookie,
    );
    expect(saved.saveDraft.revision).toBeGreaterThan(current!.revision);
  });

  it('gives the reviewer a non-empty queue and the supervisor a ranking of the open round', async () => {
    const reviewer = await signIn(app, 'demo-reviewer', DEMO_PASSWORD);
    const open = await one(
      `SELECT r.id, r.scope_organization_id AS city FROM rounds r WHERE r.status = 'OPEN'`,
    );
    const queue = await gqlOk<{ reviewQueueEntries: { totalCount: number } }>(
      app,
      'query($r: ID!) { reviewQueueEntries(roundId: $r, statuses: [SUBMITTED, RESUBMITTED]) { totalCount } }',
      { r: open.id },
      reviewer,
    );
    expect(queue.reviewQueueEntries.totalCount).toBeGreaterThan(0);
    const supervisor = await signIn(app, 'demo-supervisor', DEMO_PASSWORD);
    const ranking = await app.graphql<{ ranking: { rankedCount: number } }>(
      `query($r: ID!, $c: ID!) { ranking(input: { roundId: $r, regionId: $c }) { rankedCount } }`,
      { r: open.id, c: open.city },
      supervisor,
    );
    expect(ranking.errors).toBeUndefined();
    expect(ranking.data?.ranking.rankedCount).toBeGreaterThan(0);
  });

  it('lists the imported sample rounds only to the roles that can open them', async () => {
    const samples = (await app.dataSource.query(
      `SELECT r.id FROM rounds r JOIN organizations o ON o.id = r.scope_organization_id
        WHERE o.code = 'DEMO-SAMPLES'`,
    )) as { id: string }[];
    expect(samples.length).toBeGreaterThan(0);
    const listed = async (username: string) => {
      const cookie = await signIn(app, username, DEMO_PASSWORD);
      const { rounds } = await gqlOk<{ rounds: { id: string }[] }>(
        app,
        '{ rounds { id } }',
        {},
        cookie,
      );
      return samples.filter((s) => rounds.some((r) => r.id === s.id)).length;
    };
    expect(await listed('demo-reviewer')).toBe(0);
    expect(await listed('demo-bureau')).toBe(0);
    expect(await listed('demo-supervisor')).toBe(samples.length);
    expect(await listed('demo-admin')).toBe(samples.length);
  });
});
