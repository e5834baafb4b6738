import { loadConfig } from '../src/config/config';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoBootHook } from '../src/modules/demo/demo-seed';
import { createTestApp, type TestApp } from './test-app';
import { gqlOk, signIn } from './support/world';

describe('demo dataset', () => {
  let app: TestApp;
  let seconds = 0;
  beforeAll(async () => {
    app = await createTestApp({
      hooks: {
        afterMigrations: async (dataSource, config) => {
          const t = performance.now();
          await demoBootHook(dataSource, { ...config, demoData: true });
          seconds = (performance.now() - t) / 1000;
        },
      },
    });
  }, 120_000);
  afterAll(() => app.close());

  it('loads a city with its counties, 20–40 departments each, rounds 2019–2025 and a mix of states', async () => {
    const [counts] = await app.dataSource.query(`SELECT
      (SELECT count(*) FROM organizations WHERE level = 'COUNTY')::int AS counties,
      (SELECT count(*) FROM rounds r JOIN organizations o ON o.id = r.scope_organization_id WHERE o.code = 'DEMO-C' AND r.year BETWEEN 2019 AND 2025)::int AS rounds,
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
