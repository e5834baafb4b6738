import { Role } from '../../src/common/permissions';
import type { Actor } from '../../src/common/actor';
import {
  CurrentInputsReader,
  type CurrentInput,
} from '../../src/modules/scoring/current-inputs.reader';
import { createTestApp, type TestApp } from '../test-app';
import { buildWorld, gqlOk, submitted, type World } from './world';

export const FREEZE = `mutation($i: FreezeRankingInput!) { freezeRanking(input: $i) { id stale staleReason entryCount } }`;
export const START = `mutation($i: FreezeRankingInput!) { startRankingFreeze(input: $i) {
  id status total written snapshotId failureReason failureParams regionName } }`;
export const TASKS = `query($r: ID!, $g: ID) { rankingFreezeTasks(roundId: $r, regionId: $g) {
  id status total written snapshotId failureReason } }`;
const SNAPSHOTS = `query($r: ID!) { rankingSnapshots(roundId: $r, first: 100) { totalCount
  edges { node { id title stale staleReason entryCount } } } }`;

export type Task = {
  id: string;
  status: string;
  total: number | null;
  written: number;
  snapshotId: string | null;
  failureReason: string | null;
};
type SnapshotNode = {
  id: string;
  title: string;
  stale: boolean;
  staleReason: string | null;
  entryCount: number;
};

/**
 * The world of the snapshot tests (two bureaus reported, required posts set for the rosters)
 * and what they do with it: freeze, read a snapshot's staleness, watch freezes.
 */
export async function snapshotWorld(env: Record<string, string> = {}) {
  const sut: TestApp = await createTestApp({ env });
  const w: World = await buildWorld(sut);
  const users: { id: string }[] = await sut.dataSource.query(
    'SELECT id FROM users WHERE username = $1',
    [w.username.supervisor],
  );
  const supervisor: Actor = {
    userId: users[0]!.id,
    username: w.username.supervisor,
    role: Role.SUPERVISOR,
    organizationId: w.org.city.id,
    organizationPath: w.org.city.path,
    sessionId: 'test',
  };
  await submitted(w, 'bureauA1', w.org.deptA1.id, w.org.deptA1.name, 7);
  await submitted(w, 'bureauB1', w.org.deptB1.id, w.org.deptB1.name, 4);
  await gqlOk(
    sut,
    'mutation($i: SetRequiredPostsInput!) { setRequiredPosts(input: $i) { postKey } }',
    { i: { roundId: w.round2023.id } },
    w.cookie.reviewer,
  );

  const scope = (regionId: string, title?: string) => ({
    roundId: w.round2023.id,
    regionId,
    ...(title ? { title } : {}),
  });

  async function freeze(regionId: string, title: string): Promise<string> {
    const data = await gqlOk<{ freezeRanking: { id: string; stale: boolean } }>(
      sut,
      FREEZE,
      { i: scope(regionId, title) },
      w.cookie.supervisor,
    );
    expect(data.freezeRanking.stale).toBe(false);
    return data.freezeRanking.id;
  }

  async function snapshot(id: string): Promise<SnapshotNode> {
    const data = await gqlOk<{ rankingSnapshots: { edges: { node: SnapshotNode }[] } }>(
      sut,
      SNAPSHOTS,
      { r: w.round2023.id },
      w.cookie.supervisor,
    );
    const node = data.rankingSnapshots.edges.find((e) => e.node.id === id)?.node;
    if (!node) throw new Error(`snapshot ${id} not listed`);
    return node;
  }

  async function tasks(regionId: string | null = null): Promise<Task[]> {
    const data = await gqlOk<{ rankingFreezeTasks: Task[] }>(
      sut,
      TASKS,
      { r: w.round2023.id, g: regionId },
      w.cookie.supervisor,
    );
    return data.rankingFreezeTasks;
  }

  async function count(table: string): Promise<number> {
    const rows: { n: number }[] = await sut.dataSource.query(
      `SELECT count(*)::int AS n FROM ${table}`,
    );
    return rows[0]!.n;
  }

  /** The task once it has finished (it leaves the list when done). */
  async function finished(
    id: string,
  ): Promise<{ status: string; snapshot_id: string | null; failure: { key: string } | null }> {
    for (let i = 0; i < 300; i += 1) {
      const rows: {
        status: string;
        snapshot_id: string | null;
        failure: { key: string } | null;
      }[] = await sut.dataSource.query(
        'SELECT status::text AS status, snapshot_id, failure FROM ranking_freeze_tasks WHERE id = $1',
        [id],
      );
      if (rows[0] && rows[0].status !== 'RUNNING') return rows[0];
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`freeze ${id} did not finish`);
  }

  async function currentInputs(regionPath: string, peerGroup: string | null = null) {
    const found = new Map<string, CurrentInput>();
    const reader = sut.app.get(CurrentInputsReader);
    for await (const batch of reader.batches(
      { roundId: w.round2023.id, regionPath, peerGroup },
      null,
      2,
    ))
      for (const input of batch) found.set(input.ref.organizationId, input);
    return found;
  }

  /** Grants a bureau a later deadline (a change to its inputs). */
  async function extend(organizationId: string, deadline: string): Promise<void> {
    await gqlOk(
      sut,
      'mutation($i: GrantExtensionInput!) { grantExtension(input: $i) { deadline } }',
      { i: { roundId: w.round2023.id, organizationId, deadline, reason: '机构调整' } },
      w.cookie.reviewer,
    );
  }

  return {
    sut,
    w,
    supervisor,
    scope,
    freeze,
    snapshot,
    tasks,
    count,
    finished,
    currentInputs,
    extend,
  };
}
