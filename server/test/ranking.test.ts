import { OrganizationLevel } from '../src/modules/organizations/organization.entity';
import { OrganizationsService } from '../src/modules/organizations/organizations.service';
import { type TestApp } from './test-app';
import { count } from './support/responses';
import { buildRankingWorld, RANKING, type RankingData, rankingInput } from './support/ranking';
import { codeOf, gqlOk, type World } from './support/world';
import { useAppWith } from './support/suite';

/** The live ranking: ties, paging, filters, what-if weights, model versions, who may read it. */
describe('ranking, snapshots, what-if and exports', () => {
  let sut: TestApp;
  let w: World;

  useAppWith(
    buildRankingWorld,
    (booted, world) => {
      sut = booted;
      ({ w } = world);
    },
    { timeout: 120_000 },
  );

  const input = (overrides: Record<string, unknown> = {}) => rankingInput(w, overrides);

  it('ranks the region subtree with explicit ties and sub-scores that add up', async () => {
    const data = await gqlOk<RankingData>(sut, RANKING, { i: input() }, w.cookie.supervisor);
    const entries = data.ranking.edges.map((e) => e.node);
    expect(entries.map((e) => e.organizationName)).toEqual(
      expect.arrayContaining(['甲县科学技术局', '乙县科学技术局', '甲县教育局', '测试市财政局']),
    );
    expect(entries.map((e) => e.organizationName)).not.toContain('甲县粮食局');
    const a1 = entries.find((e) => e.organizationId === w.org.deptA1.id)!;
    const b1 = entries.find((e) => e.organizationId === w.org.deptB1.id)!;
    const a2 = entries.find((e) => e.organizationId === w.org.deptA2.id)!;
    expect(a1.score).toBe(b1.score);
    expect(a1.rank).toBe(b1.rank);
    expect(a1.tied && b1.tied).toBe(true);
    // Tied entries are listed by name (甲 before 乙 in zh-CN collation).
    expect(entries.indexOf(a1)).toBeLessThan(entries.indexOf(b1));
    expect(a2.score!).toBeLessThan(a1.score!);
    expect(a2.rank!).toBeGreaterThan(a1.rank!);
    for (const entry of entries) {
      if (entry.score === null) continue;
      const sum = entry.subScores.reduce((total, s) => total + (s.points ?? 0), 0);
      expect(Math.round(sum * 100)).toBe(Math.round(entry.score * 100));
    }
    const ranks = entries.map((e) => e.rank).filter((r): r is number => r !== null);
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));

    const explanation = await gqlOk<{
      scoreExplanation: { score: number; contributions: { points: number; maxPoints: number }[] };
    }>(
      sut,
      `query($r: ID!, $o: ID!) { scoreExplanation(roundId: $r, organizationId: $o) {
        score contributions { indicatorId status points maxPoints } } }`,
      { r: w.round2023.id, o: w.org.deptA2.id },
      w.cookie.supervisor,
    );
    const points = explanation.scoreExplanation.contributions.reduce((t, c) => t + c.points, 0);
    expect(Math.round(points * 100)).toBe(Math.round(explanation.scoreExplanation.score * 100));
    expect(explanation.scoreExplanation.score).toBe(a2.score);
  });

  it('pages with cursors, filters without changing ranks, and lists flags with evidence', async () => {
    const first = await gqlOk<RankingData>(
      sut,
      RANKING,
      { i: input({ first: 2 }) },
      w.cookie.supervisor,
    );
    expect(first.ranking.edges).toHaveLength(2);
    expect(first.ranking.pageInfo.hasNextPage).toBe(true);
    const rest = await gqlOk<RankingData>(
      sut,
      RANKING,
      { i: input({ first: 50, after: first.ranking.pageInfo.endCursor }) },
      w.cookie.supervisor,
    );
    expect(rest.ranking.edges.map((e) => e.node.organizationId)).not.toContain(
      first.ranking.edges[0]!.node.organizationId,
    );
    const all = await gqlOk<RankingData>(sut, RANKING, { i: input() }, w.cookie.supervisor);
    const searched = await gqlOk<RankingData>(
      sut,
      RANKING,
      { i: input({ search: '教育' }) },
      w.cookie.supervisor,
    );
    expect(searched.ranking.edges.map((e) => e.node.organizationName)).toEqual(['甲县教育局']);
    expect(searched.ranking.edges[0]!.node.rank).toBe(
      all.ranking.edges.find((e) => e.node.organizationName === '甲县教育局')!.node.rank,
    );
    const tooBig = await sut.graphql(RANKING, { i: input({ first: 1000 }) }, w.cookie.supervisor);
    expect(codeOf(tooBig)).toBe('BAD_USER_INPUT');

    const bottom = await gqlOk<RankingData>(
      sut,
      RANKING,
      { i: input({ first: 2, fromEnd: true }) },
      w.cookie.supervisor,
    );
    expect(bottom.ranking.edges.map((e) => e.node.organizationId)).toEqual(
      all.ranking.edges.slice(-2).map((e) => e.node.organizationId),
    );
    expect(bottom.ranking.pageInfo.hasNextPage).toBe(false);
    const bottomAfter = await sut.graphql(
      RANKING,
      { i: input({ first: 2, fromEnd: true, after: first.ranking.pageInfo.endCursor }) },
      w.cookie.supervisor,
    );
    expect(codeOf(bottomAfter)).toBe('BAD_USER_INPUT');

    const flags = await gqlOk<{
      flags: {
        totalCount: number;
        edges: { node: { flagId: string; organizationId: string; evidence: unknown } }[];
      };
    }>(
      sut,
      `query($i: FlagsInput!) { flags(input: $i) { totalCount edges { node { flagId severity organizationId organizationName message evidence } } } }`,
      { i: { roundId: w.round2023.id, regionId: w.org.city.id, first: 100 } },
      w.cookie.supervisor,
    );
    expect(flags.flags.totalCount).toBeGreaterThan(0);
    expect(
      flags.flags.edges.some(
        (e) =>
          e.node.organizationId === w.org.cityDept.id &&
          e.node.flagId === 'timeliness.notSubmitted',
      ),
    ).toBe(true);
    expect(flags.flags.edges.every((e) => typeof e.node.evidence === 'object')).toBe(true);
  });

  it('re-ranks with other weights without saving anything, and refuses bad weights with paths', async () => {
    const before = [await count(sut, 'ranking_snapshots'), await count(sut, 'scoring_models')];
    const WHAT_IF = `query($i: WhatIfRankingInput!) { whatIfRanking(input: $i) {
      totalCount movedCount weights { indicatorId weight }
      entries { organizationId rank score baseRank baseScore rankDelta } } }`;
    const ok = await gqlOk<{
      whatIfRanking: {
        totalCount: number;
        weights: { indicatorId: string; weight: number }[];
        entries: { organizationId: string; score: number | null; baseScore: number | null }[];
      };
    }>(
      sut,
      WHAT_IF,
      {
        i: {
          roundId: w.round2023.id,
          regionId: w.org.city.id,
          weights: [{ indicatorId: 'arithmetic', weight: 80 }],
        },
      },
      w.cookie.supervisor,
    );
    expect(ok.whatIfRanking.weights.find((x) => x.indicatorId === 'arithmetic')?.weight).toBe(80);
    const a2 = ok.whatIfRanking.entries.find((e) => e.organizationId === w.org.deptA2.id)!;
    expect(a2.score).not.toBe(a2.baseScore);

    const bad = async (weights: unknown) =>
      sut.graphql(
        WHAT_IF,
        { i: { roundId: w.round2023.id, regionId: w.org.city.id, weights } },
        w.cookie.supervisor,
      );
    const negative = await bad([
      { indicatorId: 'timeliness', weight: 10 },
      { indicatorId: 'completeness', weight: -1 },
    ]);
    expect(codeOf(negative)).toBe('BAD_USER_INPUT');
    expect(negative.errors?.[0]?.extensions?.field).toBe('input.weights[1].weight');
    const unknown = await bad([{ indicatorId: 'beauty', weight: 5 }]);
    expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors?.[0]?.extensions?.field).toBe('input.weights[0].indicatorId');
    const models = await gqlOk<{ scoringModels: { indicators: { indicatorId: string }[] }[] }>(
      sut,
      '{ scoringModels { indicators { indicatorId } } }',
      {},
      w.cookie.supervisor,
    );
    const zero = await bad(
      models.scoringModels[0]!.indicators.map((x) => ({ indicatorId: x.indicatorId, weight: 0 })),
    );
    expect(codeOf(zero)).toBe('BAD_USER_INPUT');
    expect(zero.errors?.[0]?.extensions?.field).toBe('input.weights');
    expect(zero.errors?.[0]?.message).toMatch(/all be zero/);
    expect([await count(sut, 'ranking_snapshots'), await count(sut, 'scoring_models')]).toEqual(
      before,
    );
  });

  it('stores a new model version only when it is valid', async () => {
    const before = await count(sut, 'scoring_models');
    const CREATE = `mutation($i: CreateScoringModelInput!) { createScoringModel(input: $i) { id modelId version } }`;
    const models = await gqlOk<{ scoringModels: { definition: Record<string, unknown> }[] }>(
      sut,
      '{ scoringModels { definition } }',
      {},
      w.cookie.supervisor,
    );
    const base = models.scoringModels[0]!.definition as { indicators: Record<string, unknown>[] };
    const broken = {
      ...base,
      version: '9.9.9',
      indicators: [
        { ...base.indicators[0], weight: -3 },
        { ...base.indicators[1], indicatorId: 'beauty' },
      ],
    };
    const refused = await sut.graphql(CREATE, { i: { definition: broken } }, w.cookie.supervisor);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    const fields = ((refused.errors?.[0]?.extensions?.problems ?? []) as { field: string }[]).map(
      (p) => p.field,
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        'input.definition.indicators[0].weight',
        'input.definition.indicators[1].indicatorId',
      ]),
    );
    const reviewerTry = await sut.graphql(
      CREATE,
      { i: { definition: { ...base, version: '2.0.0' } } },
      w.cookie.reviewer,
    );
    expect(codeOf(reviewerTry)).toBe('FORBIDDEN');
    expect(await count(sut, 'scoring_models')).toBe(before);
    const created = await gqlOk<{ createScoringModel: { version: string } }>(
      sut,
      CREATE,
      { i: { definition: { ...base, version: '1.0.1-test' } } },
      w.cookie.supervisor,
    );
    expect(created.createScoringModel.version).toBe('1.0.1-test');
    const again = await sut.graphql(
      CREATE,
      { i: { definition: { ...base, version: '1.0.1-test' } } },
      w.cookie.supervisor,
    );
    expect(codeOf(again)).toBe('CONFLICT');
    expect(await count(sut, 'scoring_models')).toBe(before + 1);
  });

  it('refuses to freeze an empty population and saves nothing', async () => {
    const before = await count(sut, 'ranking_snapshots');
    const res = await sut.graphql(
      `mutation($i: FreezeRankingInput!) { freezeRanking(input: $i) { id } }`,
      { i: { roundId: w.round2023.id, regionId: w.org.closedA3.id } },
      w.cookie.supervisor,
    );
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/nothing to freeze/);
    expect(await count(sut, 'ranking_snapshots')).toBe(before);
  });

  it('builds inputs with the same number of queries for 5 or 45 organizations', async () => {
    const organizations = sut.app.get(OrganizationsService);
    let queries = 0;
    const original = sut.dataSource.createQueryRunner.bind(sut.dataSource);
    sut.dataSource.createQueryRunner = ((...args: Parameters<typeof original>) => {
      const runner = original(...args);
      const query = runner.query.bind(runner);
      runner.query = ((...q: Parameters<typeof query>) => {
        queries += 1;
        return query(...q);
      }) as typeof runner.query;
      return runner;
    }) as typeof original;
    try {
      const measure = async (): Promise<number> => {
        queries = 0;
        await gqlOk<RankingData>(sut, RANKING, { i: input({ first: 1 }) }, w.cookie.supervisor);
        return queries;
      };
      await organizations.create(null, {
        code: `extra-${Date.now()}-0`,
        name: '乙县民政局',
        level: OrganizationLevel.DEPARTMENT,
        parentId: w.org.countyB.id,
      });
      const small = await measure();
      for (let i = 1; i <= 40; i += 1) {
        await organizations.create(null, {
          code: `extra-${Date.now()}-${i}`,
          name: `乙县第${i}局`,
          level: OrganizationLevel.DEPARTMENT,
          parentId: w.org.countyB.id,
        });
      }
      const large = await measure();
      const cached = await measure();
      expect(large).toBe(small);
      // Set-based: the count does not grow with the population. 31 today (organizations,
      // rounds, deadlines, submissions, findings, previous round, staffing roster summaries, and
      // the fill, whose timed flags are read through a cursor 2,000 bodies at a time: its
      // DECLARE, one FETCH and its flags' INSERT per 2,000 bodies, CLOSE, then the ANALYZE of
      // its rows and flags).
      expect(small).toBeLessThanOrEqual(31);
      expect(cached).toBeLessThan(small);
    } finally {
      sut.dataSource.createQueryRunner = original;
    }
  });
});
