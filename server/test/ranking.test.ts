import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import type { Response } from 'supertest';
import { Role } from '../src/common/permissions';
import { AuthService } from '../src/modules/auth/auth.service';
import { OrganizationLevel } from '../src/modules/organizations/organization.entity';
import { OrganizationsService } from '../src/modules/organizations/organizations.service';
import type { FindingRow, RankingRow } from '../src/modules/scoring/ranking-row';
import {
  readFindingRows,
  readFrozenFindingRows,
} from '../src/modules/exports/ranking-findings.reader';
import { encodeCursor } from '../src/common/pagination';
import { StoreSnapshotRows1795361689281 } from '../src/database/migrations/1795361689281-StoreSnapshotRows';
import { FrozenRowsStore } from '../src/modules/scoring/frozen-rows.store';
import type { Actor } from '../src/common/actor';
import { DataSource } from 'typeorm';
import { referenceRanking, referenceRound } from './support/reference-scoring';
import { createTestApp, type TestApp } from './test-app';
import {
  act,
  buildWorld,
  clone,
  codeOf,
  gqlOk,
  makeReport,
  PASSWORD,
  saveDraft,
  signIn,
  start,
  submitted,
  type World,
} from './support/world';

const RANKING = `query($i: RankingInput!) { ranking(input: $i) {
  totalCount rankedCount populationCount asOf snapshotId
  model { modelId version }
  indicators { indicatorId labelZh weight }
  pageInfo { hasNextPage endCursor }
  edges { node { organizationId organizationName rank tied score previousRank rankChange status
    subScores { indicatorId points } flags { id severity labelZh } } }
} }`;

type Entry = {
  organizationId: string;
  organizationName: string;
  rank: number | null;
  tied: boolean;
  score: number | null;
  status: string | null;
  subScores: { indicatorId: string; points: number | null }[];
  flags: { id: string; severity: string }[];
};
type RankingData = {
  ranking: {
    totalCount: number;
    rankedCount: number;
    snapshotId: string | null;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: Entry }[];
  };
};

const SNAPSHOTS = `query($r: ID!) { rankingSnapshots(roundId: $r) { totalCount
  edges { node { id status stale staleReason entryCount rankedCount inputsHash model { version } } } } }`;

async function count(app: TestApp, table: string): Promise<number> {
  const rows: { n: string }[] = await app.dataSource.query(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0]?.n);
}

/** RFC 4180 fields (quoted or not), rows split on CRLF or LF outside quotes; no trailing empty row. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('ranking, snapshots, what-if and exports', () => {
  let sut: TestApp;
  let w: World;
  let supervisorA: string;
  const submissionIds: Record<string, string> = {};

  beforeAll(async () => {
    sut = await createTestApp();
    w = await buildWorld(sut);
    // Same report for two science bureaus (a tie: each is flagged by originality.peer as a copy
    // of the other, A1 by saving again after B1), a weaker one for education, nothing from the
    // city's finance bureau.
    const a1 = await start(w, 'bureauA1', w.org.deptA1.id);
    const first = await saveDraft(
      w,
      'bureauA1',
      a1.id,
      a1.revision,
      makeReport(7, 2023, '甲县科学技术局'),
    );
    if (first.errors) throw new Error(JSON.stringify(first.errors));
    submissionIds.deptB1 = (
      await submitted(w, 'bureauB1', w.org.deptB1.id, '乙县科学技术局', 7)
    ).id;
    const again = clone(makeReport(7, 2023, '甲县科学技术局'));
    again.sections.other = `${again.sections.other ?? ''} `; // same prose, a new version
    const resaved = await saveDraft(w, 'bureauA1', a1.id, first.data!.saveDraft.revision, again);
    if (resaved.errors) throw new Error(JSON.stringify(resaved.errors));
    const sentA1 = await act(
      w,
      'bureauA1',
      'submitSubmission',
      { submissionId: a1.id, expectedRevision: resaved.data!.saveDraft.revision },
      'SubmitInput',
    );
    if (sentA1.errors) throw new Error(JSON.stringify(sentA1.errors));
    submissionIds.deptA1 = a1.id;
    const s = await start(w, 'bureauA2', w.org.deptA2.id);
    // Warnings only (errors cannot be submitted): prose contradicts the table, no staff, copied.
    const broken = clone(makeReport(8, 2023, '甲县教育局'));
    broken.staffing = { leadingGroup: false, dedicatedStaff: 0, partTimeStaff: 1, trainings: 0 };
    broken.facts = { ...broken.facts, applicationsReceived: 5000 };
    // and its prose is the science bureaus' (originality.peer, like theirs)
    broken.sections = clone(makeReport(7, 2023, '甲县教育局')).sections;
    const saved = await saveDraft(w, 'bureauA2', s.id, s.revision, broken);
    if (saved.errors) throw new Error(JSON.stringify(saved.errors));
    const sent = await act(
      w,
      'bureauA2',
      'submitSubmission',
      { submissionId: s.id, expectedRevision: saved.data!.saveDraft.revision },
      'SubmitInput',
    );
    if (sent.errors) throw new Error(JSON.stringify(sent.errors));
    submissionIds.deptA2 = s.id;
    const auth = sut.app.get(AuthService);
    const username = `sup-a-${Date.now().toString(36)}`;
    await auth.createUser({
      username,
      displayName: 'county A supervisor',
      password: PASSWORD,
      role: Role.SUPERVISOR,
      organizationId: w.org.countyA.id,
    });
    supervisorA = await signIn(sut, username);
  }, 120_000);

  afterAll(async () => {
    await sut.close();
  });

  const input = (overrides: Record<string, unknown> = {}) => ({
    roundId: w.round2023.id,
    regionId: w.org.city.id,
    first: 50,
    ...overrides,
  });

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

  it('keeps frozen rows unchangeable, and a failed freeze leaves nothing', async () => {
    await expect(sut.dataSource.query('UPDATE ranking_snapshot_rows SET rank = 1')).rejects.toThrow(
      /immutable/,
    );
    await expect(sut.dataSource.query('DELETE FROM ranking_snapshot_rows')).rejects.toThrow(
      /immutable/,
    );
    const store = sut.app.get(FrozenRowsStore);
    const write = store.write.bind(store);
    const spy = jest
      .spyOn(store, 'write')
      .mockImplementationOnce((manager, snapshotId, rows, onBatch) =>
        write(
          manager,
          snapshotId,
          (async function* () {
            let n = 0;
            for await (const row of rows) {
              if (n === 2) throw new Error('the disk is full');
              n += 1;
              yield row;
            }
          })(),
          onBatch,
        ),
      );
    const counts = async () => [
      await count(sut, 'ranking_snapshots'),
      await count(sut, 'ranking_snapshot_rows'),
    ];
    const before = await counts();
    try {
      // (county A: the city's data is frozen unchanged already, and a copy is refused earlier)
      const res = await sut.graphql(
        `mutation($i: FreezeRankingInput!) { freezeRanking(input: $i) { id } }`,
        { i: { roundId: w.round2023.id, regionId: w.org.countyA.id } },
        w.cookie.supervisor,
      );
      expect(res.errors).toHaveLength(1);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
    expect(await counts()).toEqual(before);
  });

  it('moves frozen rankings stored whole into rows and back (migration)', async () => {
    const snapshots = await gqlOk<{
      rankingSnapshots: {
        edges: { node: { id: string; stale: boolean; staleReason: string | null } }[];
      };
    }>(sut, SNAPSHOTS, { r: w.round2023.id }, w.cookie.supervisor);
    const read = async () =>
      Promise.all(
        snapshots.rankingSnapshots.edges.map(async ({ node }) => ({
          page: await gqlOk<RankingData>(
            sut,
            RANKING,
            { i: input({ snapshotId: node.id }) },
            w.cookie.supervisor,
          ),
          rows: (await sut.dataSource.query(
            `SELECT position, organization_id, input_digest, input, version_id
               FROM ranking_snapshot_rows WHERE snapshot_id = $1 ORDER BY position`,
            [node.id],
          )) as unknown[],
        })),
      );
    const before = await read();
    expect(before.length).toBeGreaterThan(1);
    const migration = new StoreSnapshotRows1795361689281();
    const runner = sut.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await migration.down(runner);
      // (on the migration's own connection: the others wait for its locks)
      const packed = (await runner.query(
        'SELECT count(*)::int AS n, count(result)::int AS packed FROM ranking_snapshots',
      )) as { n: number; packed: number }[];
      expect(packed[0]!.packed).toBe(packed[0]!.n);
      expect(packed[0]!.n).toBeGreaterThan(1);
      await migration.up(runner);
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await read()).toEqual(before);
    const after = await gqlOk<typeof snapshots>(
      sut,
      SNAPSHOTS,
      { r: w.round2023.id },
      w.cookie.supervisor,
    );
    expect(after).toEqual(snapshots);
  });

  it('keeps rankings from bureaus and other regions', async () => {
    const asBureau = await sut.graphql(RANKING, { i: input() }, w.cookie.bureauA1);
    expect(codeOf(asBureau)).toBe('FORBIDDEN');
    const outside = await sut.graphql(
      RANKING,
      { i: input({ regionId: w.org.countyB.id }) },
      supervisorA,
    );
    expect(codeOf(outside)).toBe('FORBIDDEN');
    const inside = await gqlOk<RankingData>(
      sut,
      RANKING,
      { i: input({ regionId: w.org.countyA.id }) },
      supervisorA,
    );
    expect(inside.ranking.edges.map((e) => e.node.organizationName).sort()).toEqual(
      ['甲县', '甲县教育局', '甲县科学技术局'].sort(),
    );
    const freezeAsReviewer = await sut.graphql(
      `mutation($i: FreezeRankingInput!) { freezeRanking(input: $i) { id } }`,
      { i: { roundId: w.round2023.id, regionId: w.org.city.id } },
      w.cookie.reviewer,
    );
    expect(codeOf(freezeAsReviewer)).toBe('FORBIDDEN');

    const scope = { roundId: w.round2023.id, regionId: w.org.city.id };
    const bureauXlsx = await sut
      .http()
      .post('/api/exports/ranking.xlsx')
      .send(scope)
      .set('cookie', w.cookie.bureauA1);
    expect(bureauXlsx.status).toBe(403);
    const reviewerCsv = await sut
      .http()
      .post('/api/exports/ranking.csv')
      .send(scope)
      .set('cookie', w.cookie.reviewer);
    expect(reviewerCsv.status).toBe(403);
    const otherRegion = await sut
      .http()
      .post('/api/exports/ranking.xlsx')
      .send({ roundId: w.round2023.id, regionId: w.org.countyB.id })
      .set('cookie', supervisorA);
    expect(otherRegion.status).toBe(403);
    expect(otherRegion.body.code).toBe('FORBIDDEN');
    const anonymous = await sut.http().post('/api/exports/ranking.csv').send(scope);
    expect(anonymous.status).toBe(401);

    const ownReport = await sut
      .http()
      .post(`/api/exports/report/${submissionIds.deptA2}.xlsx`)
      .set('cookie', w.cookie.bureauA2)
      .buffer(true)
      .parse(binary);
    expect(ownReport.status).toBe(200);
    const workbook = new Workbook();
    await workbook.xlsx.load(ownReport.body as ArrayBuffer);
    expect(workbook.worksheets.length).toBeGreaterThan(1);
    const othersReport = await sut
      .http()
      .post(`/api/exports/report/${submissionIds.deptA2}.xlsx`)
      .set('cookie', w.cookie.bureauA1);
    expect(othersReport.status).toBe(404);
  });

  it('exports the ranking sheet: styles read back, LibreOffice opens it, CSV agrees', async () => {
    const logsBefore = await count(sut, 'export_logs');
    const scope = { roundId: w.round2023.id, regionId: w.org.city.id };
    const xlsx = await sut
      .http()
      .post('/api/exports/ranking.xlsx')
      .send(scope)
      .set('cookie', w.cookie.supervisor)
      .buffer(true)
      .parse(binary);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toContain("filename*=UTF-8''");
    const workbook = new Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    const sheet = workbook.getWorksheet('排名表')!;
    expect(String(sheet.getCell('A1').value)).toContain('2023年度');
    expect(String(sheet.getCell('A1').value)).toContain('测试市');
    const merges = (sheet.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining(['A2:A3']));
    expect(merges.some((m) => /^F2:[A-Z]+2$/.test(m))).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.autoFilter).toMatch(/^A3:/);
    const firstRow = sheet.getRow(4);
    expect(typeof firstRow.getCell(1).value).toBe('number');
    expect((firstRow.getCell(6).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toMatch(
      /^FF/,
    );
    expect(workbook.getWorksheet('评分方法')).toBeDefined();
    const findings = workbook.getWorksheet('问题明细')!;
    const findingOrgs: string[] = [];
    findings.eachRow((row, n) => {
      if (n > 1) findingOrgs.push(String(row.getCell(2).value));
    });
    expect(findingOrgs).toContain('甲县教育局');

    const csv = await sut
      .http()
      .post('/api/exports/ranking.csv')
      .send(scope)
      .set('cookie', w.cookie.supervisor)
      .buffer(true)
      .parse(binary);
    expect(csv.status).toBe(200);
    const csvText = (csv.body as Buffer).toString('utf8');
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    const ours = parseCsv(csvText.slice(1)).slice(1);

    const dir = mkdtempSync(join(tmpdir(), 'gongkai-lo-'));
    try {
      const file = join(dir, 'ranking.xlsx');
      writeFileSync(file, xlsx.body as Buffer);
      execFileSync(
        'soffice',
        [
          '--headless',
          `-env:UserInstallation=file://${join(dir, 'profile')}`,
          '--convert-to',
          'csv:Text - txt - csv (StarCalc):44,34,76,1',
          '--outdir',
          dir,
          file,
        ],
        { timeout: 120_000, stdio: 'ignore' },
      );
      const converted = readFileSync(join(dir, 'ranking.csv'), 'utf8').replace(/^\uFEFF/, '');
      const lines = parseCsv(converted);
      expect(lines[0]?.[0]).toContain('测试市');
      const data = lines.slice(3);
      expect(data).toHaveLength(ours.length);
      expect(data).toEqual(ours);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const logs = await gqlOk<{
      exportLogs: {
        edges: {
          node: { kind: string; rowCount: number; completed: boolean; snapshotId: string | null };
        }[];
      };
    }>(
      sut,
      `query($r: ID) { exportLogs(roundId: $r, first: 50) { edges { node { kind rowCount completed snapshotId fileName actorId createdAt } } } }`,
      { r: w.round2023.id },
      w.cookie.supervisor,
    );
    const kinds = logs.exportLogs.edges.map((e) => e.node.kind);
    expect(kinds).toEqual(expect.arrayContaining(['RANKING_XLSX', 'RANKING_CSV', 'REPORT_XLSX']));
    const xlsxLog = logs.exportLogs.edges.find((e) => e.node.kind === 'RANKING_XLSX')!.node;
    expect(xlsxLog.rowCount).toBe(ours.length);
    expect(xlsxLog.completed).toBe(true);
    expect(await count(sut, 'export_logs')).toBeGreaterThanOrEqual(logsBefore + 2);
  }, 180_000);

  it("reads the findings sheet batch by batch in rank order, within the reader's scope", async () => {
    const dataSource = sut.app.get(DataSource);
    const actorOf = (role: Role, organization: { id: string; path: string }): Actor => ({
      userId: '00000000-0000-4000-8000-000000000001',
      username: 'reader',
      role,
      organizationId: organization.id,
      organizationPath: organization.path,
      sessionId: 'test',
    });
    const supervisor = actorOf(Role.SUPERVISOR, w.org.city);
    const scored = await referenceRound(sut.app, w.round2023.id);
    const list = referenceRanking(scored, { regionPath: w.org.city.path }).map((entry) => ({
      versionId: scored.items[entry.row]!.ref.versionId,
      organizationName: scored.items[entry.row]!.ref.organizationName,
      rank: entry.rank,
    }));
    // an organization without a scored version is skipped, not an error
    list.splice(1, 0, { versionId: null, organizationName: '无版本', rank: null });
    const sources = {
      length: list.length,
      versionId: (i: number) => list[i]!.versionId,
      organizationName: (i: number) => list[i]!.organizationName,
      rank: (i: number) => list[i]!.rank,
    };
    const read = async (actor: Actor, batch: number) => {
      const rows: FindingRow[] = [];
      for await (const row of readFindingRows(dataSource, actor, sources, batch)) rows.push(row);
      return rows;
    };
    const whole = await read(supervisor, 1000);
    expect(whole.length).toBeGreaterThan(2);
    expect(await read(supervisor, 1)).toEqual(whole);
    expect(await read(supervisor, 2)).toEqual(whole);
    // in rank order: each organization's findings together, organizations as listed
    const order = whole.map((row) =>
      list.findIndex((o) => o.organizationName === row.organizationName),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(whole.some((row) => row.organizationName === '无版本')).toBe(false);
    // a county office sees its own county's findings only
    const county = await read(actorOf(Role.SUPERVISOR, w.org.countyA), 1);
    expect(county.length).toBeGreaterThan(0);
    expect(county.length).toBeLessThan(whole.length);
    expect(county).toEqual(whole.filter((row) => row.organizationName.startsWith('甲县')));
    await expect(read(supervisor, 0)).rejects.toThrow(/batch/);
  });

  it('exports a snapshot as frozen, naming it in the methodology sheet', async () => {
    const list = await gqlOk<{
      rankingSnapshots: { edges: { node: { id: string; stale: boolean } }[] };
    }>(sut, SNAPSHOTS, { r: w.round2023.id }, w.cookie.supervisor);
    const stale = list.rankingSnapshots.edges.find((e) => e.node.stale)!.node;
    const xlsx = await sut
      .http()
      .post('/api/exports/ranking.xlsx')
      .send({ roundId: w.round2023.id, regionId: w.org.city.id, snapshotId: stale.id })
      .set('cookie', w.cookie.supervisor)
      .buffer(true)
      .parse(binary);
    expect(xlsx.status).toBe(200);
    const workbook = new Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    const texts: string[] = [];
    workbook.getWorksheet('评分方法')!.eachRow((row) => texts.push(row.values?.toString() ?? ''));
    expect(texts.join('\n')).toContain(stale.id);
    expect(texts.join('\n')).toContain('冻结后数据已变化');
    const statuses: string[] = [];
    const rankingSheet = workbook.getWorksheet('排名表')!;
    const statusColumn = (rankingSheet.getRow(3).values as unknown[]).indexOf('状态');
    expect(statusColumn).toBeGreaterThan(0);
    rankingSheet.eachRow((row, n) => {
      if (n > 3) statuses.push(String(row.getCell(statusColumn).value));
    });
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses).not.toContain('已退回');
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
      // Set-based: the count does not grow with the population. About 25 today (organizations,
      // rounds, deadlines, submissions, findings, previous round, staffing roster summaries).
      expect(small).toBeLessThan(30);
      expect(cached).toBeLessThan(small);
    } finally {
      sut.dataSource.createQueryRunner = original;
    }
  });
});
