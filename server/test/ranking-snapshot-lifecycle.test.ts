import { randomUUID } from 'node:crypto';
import { Role } from '../src/common/permissions';
import type { FindingRow, RankingRow } from '../src/modules/scoring/ranking-row';
import {
  readFindingRows,
  readFrozenFindingRows,
} from '../src/modules/exports/ranking-findings.reader';
import { encodeCursor } from '../src/common/pagination';
import { FrozenRowsStore } from '../src/modules/scoring/frozen-rows.store';
import type { Actor } from '../src/common/actor';
import { referenceRanking, referenceRound } from './support/reference-scoring';
import { type TestApp } from './test-app';
import { count } from './support/responses';
import {
  buildRankingWorld,
  RANKING,
  type RankingData,
  rankingInput,
  SNAPSHOTS,
} from './support/ranking';
import { act, codeOf, gqlOk, type World } from './support/world';
import { useAppWith } from './support/suite';

/** Frozen rankings: freeze, publish, stale, delete, read as frozen, last year's rank. */
describe('ranking, snapshots, what-if and exports', () => {
  let sut: TestApp;
  let w: World;
  let submissionIds: Record<string, string>;

  useAppWith(
    buildRankingWorld,
    (booted, world) => {
      sut = booted;
      ({ w, submissionIds } = world);
    },
    { timeout: 120_000 },
  );

  const input = (overrides: Record<string, unknown> = {}) => rankingInput(w, overrides);

  it('freezes, publishes, keeps the snapshot unchanged when data changes, marks it stale, re-ranks', async () => {
    const FREEZE = `mutation($i: FreezeRankingInput!) { freezeRanking(input: $i) { id status entryCount rankedCount stale staleReason } }`;
    const frozen = await gqlOk<{
      freezeRanking: { id: string; stale: boolean; entryCount: number };
    }>(
      sut,
      FREEZE,
      { i: { roundId: w.round2023.id, regionId: w.org.city.id, title: '2023年度测试市排名' } },
      w.cookie.supervisor,
    );
    expect(frozen.freezeRanking.stale).toBe(false);
    const id = frozen.freezeRanking.id;
    const published = await gqlOk<{ publishRankingSnapshot: { status: string } }>(
      sut,
      `mutation($i: PublishRankingSnapshotInput!) { publishRankingSnapshot(input: $i) { status publishedAt } }`,
      { i: { snapshotId: id } },
      w.cookie.supervisor,
    );
    expect(published.publishRankingSnapshot.status).toBe('PUBLISHED');
    const twice = await sut.graphql(
      `mutation($i: PublishRankingSnapshotInput!) { publishRankingSnapshot(input: $i) { status } }`,
      { i: { snapshotId: id } },
      w.cookie.supervisor,
    );
    expect(codeOf(twice)).toBe('CONFLICT');
    const frozenRanking = await gqlOk<RankingData>(
      sut,
      RANKING,
      { i: input({ snapshotId: id }) },
      w.cookie.supervisor,
    );

    // Data changes: the city office returns the science bureau's report.
    const submission = await gqlOk<{ submission: { revision: number } }>(
      sut,
      `query($id: ID!) { submission(id: $id) { revision } }`,
      { id: submissionIds.deptA1 },
      w.cookie.reviewer,
    );
    const returned = await act(
      w,
      'reviewer',
      'returnSubmission',
      {
        submissionId: submissionIds.deptA1,
        expectedRevision: submission.submission.revision,
        reason: '请核对数据',
      },
      'ReturnSubmissionInput',
    );
    expect(returned.errors).toBeUndefined();

    const after = await gqlOk<RankingData>(
      sut,
      RANKING,
      { i: input({ snapshotId: id }) },
      w.cookie.supervisor,
    );
    expect(after.ranking).toEqual(frozenRanking.ranking);
    const list = await gqlOk<{
      rankingSnapshots: {
        edges: {
          node: { id: string; status: string; stale: boolean; staleReason: string | null };
        }[];
      };
    }>(sut, SNAPSHOTS, { r: w.round2023.id }, w.cookie.supervisor);
    const node = list.rankingSnapshots.edges.find((e) => e.node.id === id)!.node;
    expect(node.status).toBe('PUBLISHED');
    expect(node.stale).toBe(true);
    expect(node.staleReason).toContain('甲县科学技术局');
    expect(node.staleReason).toContain('状态');

    const live = await gqlOk<RankingData>(sut, RANKING, { i: input() }, w.cookie.supervisor);
    const a1 = live.ranking.edges.find((e) => e.node.organizationId === w.org.deptA1.id)!.node;
    expect(a1.status).toBe('RETURNED');
    const frozenA1 = frozenRanking.ranking.edges.find(
      (e) => e.node.organizationId === w.org.deptA1.id,
    )!.node;
    expect(frozenA1.status).toBe('SUBMITTED');

    // A new freeze of the changed data is not stale.
    const refrozen = await gqlOk<{ freezeRanking: { id: string; stale: boolean } }>(
      sut,
      FREEZE,
      { i: { roundId: w.round2023.id, regionId: w.org.city.id } },
      w.cookie.supervisor,
    );
    expect(refrozen.freezeRanking.stale).toBe(false);

    // Freezing again with nothing changed names the snapshot it would copy and stores nothing.
    const snapshotsBefore = await count(sut, 'ranking_snapshots');
    const copy = await sut.graphql(
      FREEZE,
      { i: { roundId: w.round2023.id, regionId: w.org.city.id, title: '另一个标题' } },
      w.cookie.supervisor,
    );
    expect(codeOf(copy)).toBe('CONFLICT');
    const copyError = copy.errors![0]!.extensions as {
      reason?: string;
      params?: { date?: string };
    };
    expect(copyError.reason).toBe('ranking.snapshotUnchanged');
    expect(copyError.params?.date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(await count(sut, 'ranking_snapshots')).toBe(snapshotsBefore);

    // The unpublished one can be deleted (with its rows, audited); the published one cannot.
    const DELETE = `mutation($i: DeleteRankingSnapshotInput!) { deleteRankingSnapshot(input: $i) { id title } }`;
    const refused = await sut.graphql(DELETE, { i: { snapshotId: id } }, w.cookie.supervisor);
    expect(codeOf(refused)).toBe('CONFLICT');
    expect((refused.errors![0]!.extensions as { reason?: string }).reason).toBe(
      'ranking.snapshotPublished',
    );
    const asReviewer = await sut.graphql(
      DELETE,
      { i: { snapshotId: refrozen.freezeRanking.id } },
      w.cookie.reviewer,
    );
    expect(codeOf(asReviewer)).toBe('FORBIDDEN');
    const deleted = await gqlOk<{ deleteRankingSnapshot: { id: string } }>(
      sut,
      DELETE,
      { i: { snapshotId: refrozen.freezeRanking.id } },
      w.cookie.supervisor,
    );
    expect(deleted.deleteRankingSnapshot.id).toBe(refrozen.freezeRanking.id);
    expect(await count(sut, 'ranking_snapshots')).toBe(snapshotsBefore - 1);
    const leftRows: { n: string }[] = await sut.dataSource.query(
      'SELECT count(*) AS n FROM ranking_snapshot_rows WHERE snapshot_id = $1',
      [refrozen.freezeRanking.id],
    );
    expect(Number(leftRows[0]!.n)).toBe(0);
    const publishedRows: { n: string }[] = await sut.dataSource.query(
      'SELECT count(*) AS n FROM ranking_snapshot_rows WHERE snapshot_id = $1',
      [id],
    );
    expect(Number(publishedRows[0]!.n)).toBeGreaterThan(0);
    const events: { action: string; data: { snapshotId?: string } }[] = await sut.dataSource.query(
      `SELECT action, data FROM audit_events WHERE action LIKE 'ranking.%' ORDER BY created_at`,
    );
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['ranking.freeze', 'ranking.publish', 'ranking.deleteSnapshot']),
    );
    expect(events.find((e) => e.action === 'ranking.deleteSnapshot')!.data.snapshotId).toBe(
      refrozen.freezeRanking.id,
    );
    const again = await sut.graphql(
      DELETE,
      { i: { snapshotId: refrozen.freezeRanking.id } },
      w.cookie.supervisor,
    );
    expect(codeOf(again)).toBe('NOT_FOUND');
    // The database itself keeps a published snapshot, whatever the caller.
    await expect(
      sut.dataSource.query('DELETE FROM ranking_snapshots WHERE id = $1', [id]),
    ).rejects.toThrow(/immutable/);
  });

  it('reads a frozen ranking as it was frozen: pages, filters, rows and findings', async () => {
    const frozen = await gqlOk<{ freezeRanking: { id: string } }>(
      sut,
      `mutation($i: FreezeRankingInput!) { freezeRanking(input: $i) { id } }`,
      { i: { roundId: w.round2023.id, regionId: w.org.city.id } },
      w.cookie.supervisor,
    );
    const id = frozen.freezeRanking.id;
    const ids = (data: RankingData) => data.ranking.edges.map((e) => e.node.organizationId);
    const both = async (overrides: Record<string, unknown>) => {
      const [live, snap] = await Promise.all([
        gqlOk<RankingData>(sut, RANKING, { i: input(overrides) }, w.cookie.supervisor),
        gqlOk<RankingData>(
          sut,
          RANKING,
          { i: input({ ...overrides, snapshotId: id }) },
          w.cookie.supervisor,
        ),
      ]);
      expect(snap.ranking.snapshotId).toBe(id);
      return { live, snap };
    };
    const all = await both({});
    expect(all.snap.ranking.edges).toEqual(all.live.ranking.edges);
    expect(all.snap.ranking.totalCount).toBe(all.live.ranking.totalCount);
    expect(all.snap.ranking.edges.length).toBeGreaterThan(3);

    // pages with cursors, and the last places
    const firstTwo = await both({ first: 2 });
    expect(ids(firstTwo.snap)).toEqual(ids(all.snap).slice(0, 2));
    expect(firstTwo.snap.ranking.pageInfo.hasNextPage).toBe(true);
    const rest = await gqlOk<RankingData>(
      sut,
      RANKING,
      { i: input({ snapshotId: id, after: firstTwo.snap.ranking.pageInfo.endCursor }) },
      w.cookie.supervisor,
    );
    expect(ids(rest)).toEqual(ids(all.snap).slice(2));
    expect(rest.ranking.pageInfo.hasNextPage).toBe(false);
    const bottom = await both({ first: 2, fromEnd: true });
    expect(ids(bottom.snap)).toEqual(ids(all.snap).slice(-2));
    expect(bottom.snap.ranking.pageInfo.hasNextPage).toBe(false);
    for (const after of [
      encodeCursor({ k: id, id: randomUUID() }),
      encodeCursor({ k: id, id: 'not-an-id' }),
    ]) {
      const bad = await sut.graphql(
        RANKING,
        { i: input({ snapshotId: id, after }) },
        w.cookie.supervisor,
      );
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors?.[0]?.message).toMatch(/cursor/);
    }

    // the display filters select the same organizations, with the same ranks
    const typed = await gqlOk<{
      ranking: { edges: { node: { departmentType: string | null } }[] };
    }>(
      sut,
      `query($i: RankingInput!) { ranking(input: $i) { edges { node { departmentType } } } }`,
      { i: input({ snapshotId: id }) },
      w.cookie.supervisor,
    );
    const departmentType = typed.ranking.edges.find((e) => e.node.departmentType !== null)?.node
      .departmentType;
    expect(departmentType).toBeDefined();
    const filters: Record<string, unknown>[] = [
      { search: '科学技术' },
      { search: '没有这个单位' },
      { flag: 'timeliness.notSubmitted' },
      { departmentType },
      { search: '县', flag: 'originality.peer' },
    ];
    for (const filter of filters) {
      const { live, snap } = await both(filter);
      expect(snap.ranking.edges).toEqual(live.ranking.edges);
      expect(snap.ranking.totalCount).toBe(live.ranking.totalCount);
    }
    expect((await both({ search: '科学技术' })).snap.ranking.totalCount).toBe(2);
    const late = (await both({ flag: 'timeliness.notSubmitted' })).snap.ranking.totalCount;
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThan(all.snap.ranking.totalCount);

    // the export's reads: every row through a cursor, the findings from the frozen versions
    const store = sut.app.get(FrozenRowsStore);
    const streamed: RankingRow[] = [];
    for await (const row of store.rows(id, 2)) streamed.push(row);
    expect(streamed.map((row) => row.organizationId)).toEqual(ids(all.snap));
    expect(streamed.map((row) => row.rank)).toEqual(all.snap.ranking.edges.map((e) => e.node.rank));
    const actor: Actor = {
      userId: '00000000-0000-4000-8000-000000000001',
      username: 'reader',
      role: Role.SUPERVISOR,
      organizationId: w.org.city.id,
      organizationPath: w.org.city.path,
      sessionId: 'test',
    };
    // the package's ranking over the whole reports, and its members' versions
    const scored = await referenceRound(sut.app, w.round2023.id);
    const entries = referenceRanking(scored, { regionPath: w.org.city.path });
    const liveFindings: FindingRow[] = [];
    for await (const row of readFindingRows(sut.dataSource, actor, {
      length: entries.length,
      versionId: (i) => scored.items[entries[i]!.row]!.ref.versionId,
      organizationName: (i) => scored.items[entries[i]!.row]!.ref.organizationName,
      rank: (i) => entries[i]!.rank,
    }))
      liveFindings.push(row);
    for (const batch of [1, 1000]) {
      const frozenFindings: FindingRow[] = [];
      for await (const row of readFrozenFindingRows(sut.dataSource, actor, id, batch))
        frozenFindings.push(row);
      expect(frozenFindings).toEqual(liveFindings);
    }
    expect(liveFindings.length).toBeGreaterThan(0);
  });

  it("gives last year's rank from the previous round's published ranking", async () => {
    const snapshots = await gqlOk<{
      rankingSnapshots: { edges: { node: { id: string; status: string } }[] };
    }>(sut, SNAPSHOTS, { r: w.round2023.id }, w.cookie.supervisor);
    const published = snapshots.rankingSnapshots.edges.find(
      (e) => e.node.status === 'PUBLISHED',
    )!.node;
    const lastYear = await gqlOk<RankingData>(
      sut,
      RANKING,
      { i: input({ snapshotId: published.id }) },
      w.cookie.supervisor,
    );
    const before = new Map(lastYear.ranking.edges.map((e) => [e.node.organizationId, e.node.rank]));
    const now = await gqlOk<RankingData>(
      sut,
      RANKING,
      { i: input({ roundId: w.round2024.id }) },
      w.cookie.supervisor,
    );
    const compared = now.ranking.edges.filter(
      (e) => e.node.rank !== null && before.get(e.node.organizationId),
    );
    expect(compared.length).toBeGreaterThan(0);
    for (const { node } of compared) {
      const previous = before.get(node.organizationId)!;
      expect(node).toMatchObject({ previousRank: previous, rankChange: previous - node.rank! });
    }
  });
});
