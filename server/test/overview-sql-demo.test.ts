import { OverviewService } from '../src/modules/overview/overview.service';
import {
  figures,
  SubmissionStatsService,
} from '../src/modules/submissions/submission-stats.service';
import { SubmissionsService } from '../src/modules/submissions/submissions.service';
import { createTestApp, demoDataHooks, type TestApp } from './test-app';
import { admin, type Org, reference, trendPoint } from './support/overview-sql';

/** The SQL aggregates against `figures()` once more, on the demo data set. */
describe('overview aggregates in SQL on the demo dataset', () => {
  let demo: TestApp;

  beforeAll(async () => {
    demo = await createTestApp({ hooks: demoDataHooks() });
  }, 120_000);

  afterAll(async () => {
    await demo?.close();
  });

  it('gives every round, node and year what figures() over latestForSubtree gives', async () => {
    const stats = demo.app.get(SubmissionStatsService);
    const insights = demo.app.get(OverviewService);
    const submissions = demo.app.get(SubmissionsService);
    const nodes = (await demo.dataSource.query(
      `SELECT id, parent_id AS "parentId", path, level, reports FROM organizations
        WHERE level <> 'DEPARTMENT' AND level <> 'TOWNSHIP' ORDER BY path`,
    )) as Org[];
    const all = (await demo.dataSource.query(
      `SELECT r.id, r.year, r.status, o.path AS "scopePath"
         FROM rounds r JOIN organizations o ON o.id = r.scope_organization_id ORDER BY r.year`,
    )) as { id: string; year: number; status: string; scopePath: string }[];
    const top = nodes.find((n) => n.parentId === null)!;
    const actor = admin(top);
    expect(all.length).toBeGreaterThanOrEqual(7);
    for (const round of all)
      for (const node of nodes)
        expect(await stats.roundStats(actor, round.id, node.id)).toEqual(
          await reference(submissions, round.id, node),
        );
    // The trend: per year, the round closest above the region, else the rounds below it.
    for (const region of nodes) {
      const expected = [];
      for (const year of [...new Set(all.map((r) => r.year))].sort((a, b) => a - b)) {
        const open = all.filter((r) => r.year === year && r.status !== 'PLANNED');
        const above = open
          .filter((r) => region.path.startsWith(r.scopePath))
          .sort((a, b) => b.scopePath.length - a.scopePath.length)[0];
        const below = open.filter(
          (r) => !region.path.startsWith(r.scopePath) && r.scopePath.startsWith(region.path),
        );
        const chosen = above
          ? [{ round: above, nodeId: region.id }]
          : below.map((r) => ({
              round: r,
              nodeId: r.scopePath.split('/').filter(Boolean).at(-1)!,
            }));
        if (chosen.length === 0) continue;
        const rows = (
          await Promise.all(chosen.map((c) => submissions.latestForSubtree(c.round.id, c.nodeId)))
        ).flatMap((x) => x.rows);
        const f = figures(region.id, rows);
        expected.push(trendPoint(year, chosen[0]!.round.id, f));
      }
      expect(await insights.roundTrend(actor, { regionId: region.id })).toEqual(expected);
    }
  });
});
