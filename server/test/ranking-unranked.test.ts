import { awaitingReport, toEpochMs } from '@gongkai/scoring';
import type { Actor } from '../src/common/actor';
import { Role } from '../src/common/permissions';
import { demoCalendar } from '../src/demo/demo-calendar';
import { fillDemoRankings } from '../src/demo/demo-rankings';
import { DEMO_PASSWORD } from '../src/demo/demo-seed';
import { RankingExplainService } from '../src/modules/scoring/ranking-explain.service';
import { referenceItems } from './support/reference-scoring';
import { RANKING, type Entry, type RankingData } from './support/ranking';
import { createTestApp, demoDataHooks, type TestApp } from './test-app';
import { gqlOk, signIn } from './support/world';

type Explanation = {
  scoreExplanation: {
    score: number | null;
    unrankedReason: string | null;
    contributions: { indicatorId: string; status: string; points: number }[];
  };
};

const EXPLAIN = `query($r: ID!, $o: ID!) { scoreExplanation(roundId: $r, organizationId: $o) {
  score unrankedReason contributions { indicatorId status points } } }`;

/**
 * On the demo city's open round: bodies that have submitted nothing while their deadline is open
 * are unranked and listed after every ranked body — those with a roster too, whose staffing
 * alone scored them before — and their explanation says why.
 */
describe('bodies awaiting their report in the live ranking', () => {
  let app: TestApp;
  let cookie: string;
  beforeAll(async () => {
    app = await createTestApp({
      hooks: {
        ...demoDataHooks(),
        afterInit: async (nest) => {
          await fillDemoRankings(nest);
        },
      },
    });
    cookie = await signIn(app, 'demo-supervisor', DEMO_PASSWORD);
  }, 180_000);
  afterAll(() => app.close());

  async function wholeRanking(roundId: string, regionId: string, peerGroup: string | null) {
    const entries: Entry[] = [];
    let after: string | null = null;
    for (;;) {
      const page: RankingData = await gqlOk<RankingData>(
        app,
        RANKING,
        { i: { roundId, regionId, peerGroup, first: 100, after } },
        cookie,
      );
      entries.push(...page.ranking.edges.map((edge) => edge.node));
      if (!page.ranking.pageInfo.hasNextPage) return { entries, page };
      after = page.ranking.pageInfo.endCursor;
    }
  }

  it('leaves them unranked after the ranked ones, roster or not, and explains why', async () => {
    const { currentYear } = demoCalendar(new Date());
    const [round] = (await app.dataSource.query(
      `SELECT r.id, r.scope_organization_id FROM rounds r
         JOIN organizations o ON o.id = r.scope_organization_id
        WHERE o.code = 'DEMO-C' AND r.year = $1`,
      [currentYear],
    )) as { id: string; scope_organization_id: string }[];
    const items = await referenceItems(app.app, round!.id);
    const asOfMs = Date.now();
    const awaiting = items.filter((item) => awaitingReport(item.input, { asOfMs }));
    const rostered = awaiting.filter((item) => item.input.roster);
    // the demo's open round has bodies with a roster and nothing submitted
    expect(rostered.length).toBeGreaterThan(0);
    // a peer group with ranked bodies and rostered ones awaiting their report
    const peerGroup = rostered
      .map((item) => item.input.peerGroup)
      .find((group) =>
        items.some((item) => item.input.peerGroup === group && item.input.report !== null),
      );
    expect(peerGroup).toBeDefined();
    for (const group of [null, peerGroup]) {
      const { entries } = await wholeRanking(
        round!.id,
        round!.scope_organization_id,
        group ?? null,
      );
      const unranked = new Set(
        entries.filter((entry) => entry.score === null).map((e) => e.organizationId),
      );
      const inGroup = awaiting.filter((item) => group === null || item.input.peerGroup === group);
      for (const item of inGroup) expect(unranked).toContain(item.input.organizationId);
      const firstUnranked = entries.findIndex((entry) => entry.score === null);
      expect(firstUnranked).toBeGreaterThan(0);
      expect(entries.slice(firstUnranked).every((entry) => entry.rank === null)).toBe(true);
      expect(entries.slice(0, firstUnranked).every((entry) => entry.rank !== null)).toBe(true);
      // no points on their line either: staffing is not applicable until the report is in
      for (const entry of entries.slice(firstUnranked))
        expect(entry.subScores.every((s) => s.points === null)).toBe(true);
    }
    const body = rostered.find((item) => item.input.peerGroup === peerGroup)!.input;
    const explained = await gqlOk<Explanation>(
      app,
      EXPLAIN,
      { r: round!.id, o: body.organizationId },
      cookie,
    );
    expect(explained.scoreExplanation.score).toBeNull();
    expect(explained.scoreExplanation.unrankedReason).toBe('awaitingReport');
    expect(
      explained.scoreExplanation.contributions.every((c) => c.status === 'notApplicable'),
    ).toBe(true);
    const deadline = body.deadline === null ? null : toEpochMs(body.deadline);
    expect(deadline).not.toBeNull();
    expect(deadline!).toBeGreaterThanOrEqual(asOfMs);
    const ranked = items.find((item) => item.input.report !== null)!;
    const scored = await gqlOk<Explanation>(
      app,
      EXPLAIN,
      { r: round!.id, o: ranked.input.organizationId },
      cookie,
    );
    expect(scored.scoreExplanation.score).not.toBeNull();
    expect(scored.scoreExplanation.unrankedReason).toBeNull();
  });

  it('scores them after the deadline: what is missing counts 0, their roster counts', async () => {
    const { currentYear } = demoCalendar(new Date());
    const [round] = (await app.dataSource.query(
      `SELECT r.id, o.id AS scope_id, o.path FROM rounds r
         JOIN organizations o ON o.id = r.scope_organization_id
        WHERE o.code = 'DEMO-C' AND r.year = $1`,
      [currentYear],
    )) as { id: string; scope_id: string; path: string }[];
    const items = await referenceItems(app.app, round!.id);
    const now = Date.now();
    const rostered = items.filter(
      (item) => item.input.roster && awaitingReport(item.input, { asOfMs: now }),
    );
    expect(rostered.length).toBeGreaterThan(0);
    const deadlines = items.map((item) =>
      item.input.deadline === null ? 0 : toEpochMs(item.input.deadline),
    );
    const after = new Date(Math.max(...deadlines) + 2 * 86_400_000);
    const actor: Actor = {
      userId: 'test',
      username: 'test',
      role: Role.SUPERVISOR,
      organizationId: round!.scope_id,
      organizationPath: round!.path,
      sessionId: 'test',
    };
    const explaining = app.app.get(RankingExplainService);
    for (const item of rostered) {
      const { explanation } = await explaining.explanation(
        actor,
        { roundId: round!.id, organizationId: item.input.organizationId },
        after,
      );
      const status = (id: string) =>
        explanation.contributions.find((c) => c.indicatorId === id)?.status;
      expect(explanation.unranked).toBeNull();
      expect(status('timeliness')).toBe('missing');
      expect(status('completeness')).toBe('missing');
      expect(status('staffing')).toBe('value');
      const staffing = explanation.contributions.find((c) => c.indicatorId === 'staffing')!;
      expect(explanation.score).toBe(staffing.points);
    }
  });
});
