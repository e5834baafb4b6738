import { Role } from '../../src/common/permissions';
import { AuthService } from '../../src/modules/auth/auth.service';
import type { TestApp } from '../test-app';
import {
  act,
  buildWorld,
  clone,
  gqlOk,
  makeReport,
  PASSWORD,
  saveDraft,
  signIn,
  start,
  submitted,
  type World,
} from './world';

export const RANKING = `query($i: RankingInput!) { ranking(input: $i) {
  totalCount rankedCount populationCount asOf snapshotId
  model { modelId version }
  indicators { indicatorId labelZh weight }
  pageInfo { hasNextPage endCursor }
  edges { node { organizationId organizationName rank tied score previousRank rankChange status
    subScores { indicatorId points } flags { id severity labelZh } } }
} }`;

export type Entry = {
  organizationId: string;
  organizationName: string;
  rank: number | null;
  tied: boolean;
  score: number | null;
  status: string | null;
  subScores: { indicatorId: string; points: number | null }[];
  flags: { id: string; severity: string }[];
};
export type RankingData = {
  ranking: {
    totalCount: number;
    rankedCount: number;
    snapshotId: string | null;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: Entry }[];
  };
};

export const SNAPSHOTS = `query($r: ID!) { rankingSnapshots(roundId: $r) { totalCount
  edges { node { id status stale staleReason entryCount rankedCount inputsHash model { version } } } } }`;

/** RFC 4180 fields (quoted or not), rows split on CRLF or LF outside quotes; no trailing empty row. */
export function parseCsv(text: string): string[][] {
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

export type RankingWorld = {
  w: World;
  /** A supervisor of county A (a region below the city). */
  supervisorA: string;
  /** The submissions of deptA1, deptA2 and deptB1. */
  submissionIds: Record<string, string>;
};

/**
 * The small city with a ranking to read: the same report for two science bureaus (a tie: each is
 * flagged by originality.peer as a copy of the other, A1 by saving again after B1), a weaker
 * one for education, nothing from the city's finance bureau; and a supervisor of county A.
 */
export async function buildRankingWorld(sut: TestApp): Promise<RankingWorld> {
  const w = await buildWorld(sut);
  const ids: Record<string, string> = {};
  const a1 = await start(w, 'bureauA1', w.org.deptA1.id);
  const first = await saveDraft(
    w,
    'bureauA1',
    a1.id,
    a1.revision,
    makeReport(7, 2023, '甲县科学技术局'),
  );
  if (first.errors) throw new Error(JSON.stringify(first.errors));
  ids.deptB1 = (await submitted(w, 'bureauB1', w.org.deptB1.id, '乙县科学技术局', 7)).id;
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
  ids.deptA1 = a1.id;
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
  ids.deptA2 = s.id;
  const auth = sut.app.get(AuthService);
  const username = `sup-a-${Date.now().toString(36)}`;
  await auth.createUser({
    username,
    displayName: 'county A supervisor',
    password: PASSWORD,
    role: Role.SUPERVISOR,
    organizationId: w.org.countyA.id,
  });
  return { w, supervisorA: await signIn(sut, username), submissionIds: ids };
}

/** The ranking's arguments for the world's 2023 round over the whole city. */
export const rankingInput = (w: World, overrides: Record<string, unknown> = {}) => ({
  roundId: w.round2023.id,
  regionId: w.org.city.id,
  first: 50,
  ...overrides,
});

/**
 * What the snapshot walk-through leaves behind: the city's 2023 ranking frozen and published,
 * then made stale by the city office returning the science bureau's report, and frozen again.
 */
export async function publishStaleThenRefreeze(sut: TestApp, r: RankingWorld): Promise<void> {
  const { w } = r;
  const FREEZE = `mutation($i: FreezeRankingInput!) { freezeRanking(input: $i) { id } }`;
  const scope = { roundId: w.round2023.id, regionId: w.org.city.id };
  const frozen = await gqlOk<{ freezeRanking: { id: string } }>(
    sut,
    FREEZE,
    { i: { ...scope, title: '2023年度测试市排名' } },
    w.cookie.supervisor,
  );
  await gqlOk(
    sut,
    `mutation($i: PublishRankingSnapshotInput!) { publishRankingSnapshot(input: $i) { status } }`,
    { i: { snapshotId: frozen.freezeRanking.id } },
    w.cookie.supervisor,
  );
  const submission = await gqlOk<{ submission: { revision: number } }>(
    sut,
    `query($id: ID!) { submission(id: $id) { revision } }`,
    { id: r.submissionIds.deptA1 },
    w.cookie.reviewer,
  );
  const returned = await act(
    w,
    'reviewer',
    'returnSubmission',
    {
      submissionId: r.submissionIds.deptA1,
      expectedRevision: submission.submission.revision,
      reason: '请核对数据',
    },
    'ReturnSubmissionInput',
  );
  if (returned.errors) throw new Error(JSON.stringify(returned.errors));
  await gqlOk(sut, FREEZE, { i: scope }, w.cookie.supervisor);
}
