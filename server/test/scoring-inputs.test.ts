import type { Actor } from '../src/common/actor';
import { Role } from '../src/common/permissions';
import { RankingService } from '../src/modules/scoring/ranking.service';
import { VersionInputsStore } from '../src/modules/scoring/version-inputs.store';
import { INPUTS_VERSION } from '../src/modules/scoring/version-inputs';
import {
  previousRanks,
  referenceRanking,
  referenceRound,
  referenceRow,
} from './support/reference-scoring';
import { createTestApp, type TestApp } from './test-app';
import {
  buildWorld,
  clone,
  gqlOk,
  makeReport,
  saveDraft,
  start,
  submitted,
  type World,
} from './support/world';

/**
 * Scoring inputs stored per version (written with the version, recomputed by the backfill) and
 * the ranking PostgreSQL computes over them, checked against `@gongkai/scoring` over the whole
 * reports (`support/reference-scoring.ts`).
 */
describe('scoring inputs per version and rankings in SQL', () => {
  let sut: TestApp;
  let w: World;
  let rankings: RankingService;
  let supervisor: Actor;

  beforeAll(async () => {
    sut = await createTestApp();
    w = await buildWorld(sut);
    rankings = sut.app.get(RankingService);
    supervisor = {
      userId: 'supervisor',
      username: w.username.supervisor,
      role: Role.SUPERVISOR,
      organizationId: w.org.city.id,
      organizationPath: w.org.city.path,
      sessionId: 'test',
    };
    // last year: a report with findings for A1 (improvement), this year three reports, one a
    // draft only, and a roster for A1 (staffing from the roster)
    await submitted(w, 'bureauA1', w.org.deptA1.id, '甲县科学技术局', 2, w.round2022.id, 2022);
    await submitted(w, 'bureauA1', w.org.deptA1.id, '甲县科学技术局', 7);
    await submitted(w, 'bureauB1', w.org.deptB1.id, '乙县科学技术局', 7);
    const a2 = await start(w, 'bureauA2', w.org.deptA2.id);
    const report = clone(makeReport(3, 2023, '甲县教育局'));
    const saved = await saveDraft(w, 'bureauA2', a2.id, a2.revision, report);
    expect(saved.errors).toBeUndefined();
    await gqlOk(
      sut,
      'mutation($i: SetRequiredPostsInput!) { setRequiredPosts(input: $i) { postKey } }',
      { i: { roundId: w.round2023.id } },
      w.cookie.reviewer,
    );
    const assigned = await sut.graphql(
      'mutation($i: AssignPostInput!) { assignPost(input: $i) { id } }',
      {
        i: {
          organizationId: w.org.deptA1.id,
          postKey: 'dedicatedStaff',
          holderName: '王某',
          fullTime: true,
          fromDate: '2020-01-01',
          untilDate: null,
        },
      },
      w.cookie.bureauA1,
    );
    expect(assigned.errors).toBeUndefined();
  });

  afterAll(async () => {
    await sut?.close();
  });

  async function storedRows(): Promise<
    { version_id: string; digest: string; inputs_version: number }[]
  > {
    return sut.dataSource.query(
      'SELECT version_id, digest, inputs_version FROM version_scoring_inputs ORDER BY version_id',
    );
  }

  it('stores the inputs of every version in the transaction that writes it', async () => {
    const versions: { id: string }[] = await sut.dataSource.query(
      'SELECT id FROM submission_versions ORDER BY id',
    );
    expect(versions.length).toBeGreaterThanOrEqual(4);
    const rows = await storedRows();
    expect(rows.map((row) => row.version_id)).toEqual(versions.map((v) => v.id));
    expect(rows.every((row) => row.inputs_version === INPUTS_VERSION)).toBe(true);
  });

  it('recomputes missing and outdated inputs in the backfill, to the same digests', async () => {
    const before = await storedRows();
    await sut.dataSource.query(
      'DELETE FROM version_scoring_inputs WHERE version_id = (SELECT min(version_id::text)::uuid FROM version_scoring_inputs)',
    );
    await sut.dataSource.query('UPDATE version_scoring_inputs SET inputs_version = 0');
    const store = sut.app.get(VersionInputsStore);
    expect(await store.backfillAll()).toBe(before.length);
    const after = await storedRows();
    expect(after.map(({ version_id, digest }) => ({ version_id, digest }))).toEqual(
      before.map(({ version_id, digest }) => ({ version_id, digest })),
    );
    expect(await store.backfillAll()).toBe(0);
  });

  it('moves the round’s counter when the stored inputs of a submitted version change, not of a draft', async () => {
    const stamp = async (roundId: string) => {
      const [row] = (await sut.dataSource.query(
        'SELECT stamp FROM scoring_stamps WHERE scope = $1',
        [`round:${roundId}`],
      )) as { stamp: string }[];
      return Number(row?.stamp ?? 0);
    };
    const touch = (submitted: boolean) =>
      sut.dataSource.query(
        `UPDATE version_scoring_inputs i SET computed_at = now()
           FROM submissions s
          WHERE s.id = i.submission_id AND s.round_id = $1
            AND (s.submitted_version_id IS NOT DISTINCT FROM i.version_id) = $2`,
        [w.round2023.id, submitted],
      ) as Promise<[unknown, number]>;
    const before = await stamp(w.round2023.id);
    const lastYear = await stamp(w.round2022.id);
    const [, drafts] = await touch(false);
    expect(drafts).toBeGreaterThan(0); // A2's draft, and the versions submitted ones replaced
    expect(await stamp(w.round2023.id)).toBe(before);
    const [, submittedRows] = await touch(true);
    expect(submittedRows).toBe(2); // A1's and B1's
    expect(await stamp(w.round2023.id)).toBe(before + 1);
    expect(await stamp(w.round2022.id)).toBe(lastYear); // another round's versions untouched
  });

  it('ranks in SQL exactly as the package over the whole reports', async () => {
    const scopes = [
      { roundId: w.round2023.id, regionId: w.org.city.id },
      { roundId: w.round2023.id, regionId: w.org.countyA.id },
      { roundId: w.round2022.id, regionId: w.org.city.id },
    ];
    for (const scope of scopes) {
      const { round, region } = await rankings.resolveScope(supervisor, scope);
      const asOf = new Date();
      const scored = await referenceRound(sut.app, round.id, null, asOf);
      const entries = referenceRanking(scored, { regionPath: region.path });
      const expected = entries.map((entry) => ({
        organizationId: entry.organizationId,
        score: entry.score,
        rank: entry.rank,
        tied: entry.tied,
      }));
      const inSql = await rankings.rankedInSql(supervisor, scope, asOf);
      expect(
        inSql.map(({ organizationId, score, rank, tied }) => ({
          organizationId,
          score,
          rank,
          tied,
        })),
      ).toEqual(expected);
      expect(expected.some((entry) => entry.score !== null)).toBe(true);
    }
  });

  it('pages, filters and counts the SQL ranking as the package and the ranking query, with last year’s ranks', async () => {
    const frozen = await gqlOk<{ freezeRanking: { id: string } }>(
      sut,
      `mutation($i: FreezeRankingInput!) { freezeRanking(input: $i) { id } }`,
      { i: { roundId: w.round2022.id, regionId: w.org.city.id } },
      w.cookie.supervisor,
    );
    await gqlOk(
      sut,
      `mutation($i: PublishRankingSnapshotInput!) { publishRankingSnapshot(input: $i) { status } }`,
      { i: { snapshotId: frozen.freezeRanking.id } },
      w.cookie.supervisor,
    );
    const filters = [{}, { departmentType: '科技局' }, { search: '甲县' }, { search: '没有' }];
    for (const filter of filters) {
      const graph = await gqlOk<{
        ranking: {
          totalCount: number;
          edges: {
            node: {
              organizationId: string;
              score: number | null;
              rank: number | null;
              tied: boolean;
              previousRank: number | null;
              rankChange: number | null;
              status: string | null;
            };
          }[];
        };
      }>(
        sut,
        `query($i: RankingInput!) { ranking(input: $i) { totalCount
          edges { node { organizationId score rank tied previousRank rankChange status } } } }`,
        { i: { roundId: w.round2023.id, regionId: w.org.city.id, first: 100, ...filter } },
        w.cookie.supervisor,
      );
      const scope = { roundId: w.round2023.id, regionId: w.org.city.id, ...filter };
      const rows = [];
      let after = 0;
      let totalCount: number;
      for (;;) {
        const page = await rankings.rankingPageInSql(supervisor, scope, {
          first: 2,
          afterPosition: after,
        });
        totalCount = page.totalCount;
        rows.push(...page.rows);
        if (page.rows.length < 2) break;
        after = page.rows[page.rows.length - 1]!.listPosition;
      }
      expect(totalCount).toBe(graph.ranking.totalCount);
      // the package over the whole reports, with the published snapshot's ranks as last year's
      const { round, region } = await rankings.resolveScope(supervisor, scope);
      const scored = await referenceRound(sut.app, round.id);
      const { search = null, departmentType: type = null } = filter as {
        search?: string;
        departmentType?: string;
      };
      const expected = referenceRanking(scored, {
        regionPath: region.path,
        previousRanks: await previousRanks(sut.app, round, region.id, null),
      })
        .map((entry) => referenceRow(scored, entry))
        .filter(
          (row) =>
            (type === null || row.departmentType === type) &&
            (search === null || row.organizationName.includes(search)),
        )
        .map(({ organizationId, score, rank, tied, previousRank, rankChange }) => ({
          organizationId,
          score,
          rank,
          tied,
          previousRank,
          rankChange,
        }));
      expect(totalCount).toBe(expected.length);
      if (Object.keys(filter).length === 0) {
        expect(rows.some((row) => row.previousRank !== null)).toBe(true);
        expect(rows.length).toBeGreaterThan(2);
      }
      expect(
        rows.map(({ organizationId, score, rank, tied, previousRank, rankChange }) => ({
          organizationId,
          score,
          rank,
          tied,
          previousRank,
          rankChange,
        })),
      ).toEqual(expected);
      expect(graph.ranking.edges.map(({ node: { status: _status, ...entry } }) => entry)).toEqual(
        expected,
      );
    }
  });
});
