import type { Actor } from '../src/common/actor';
import { Role } from '../src/common/permissions';
import {
  CurrentInputsReader,
  type CurrentInput,
} from '../src/modules/scoring/current-inputs.reader';
import { FrozenRowsStore } from '../src/modules/scoring/frozen-rows.store';
import { inputsHash, refDigest, type InputRef } from '../src/modules/scoring/input-ref';
import { RankingService } from '../src/modules/scoring/ranking.service';
import { createTestApp, type TestApp } from './test-app';
import { buildWorld, gqlOk, submitted, type World } from './support/world';

const FREEZE = `mutation($i: FreezeRankingInput!) { freezeRanking(input: $i) { id stale staleReason entryCount } }`;
const START = `mutation($i: FreezeRankingInput!) { startRankingFreeze(input: $i) {
  id status total written snapshotId failureReason failureParams regionName } }`;
const TASKS = `query($r: ID!, $g: ID) { rankingFreezeTasks(roundId: $r, regionId: $g) {
  id status total written snapshotId failureReason } }`;
const SNAPSHOTS = `query($r: ID!) { rankingSnapshots(roundId: $r, first: 100) { totalCount
  edges { node { id title stale staleReason entryCount } } } }`;

type Task = {
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
 * Snapshots read without the score board: the staleness of a frozen ranking from the inputs
 * PostgreSQL holds now (as the board referenced them, so older snapshots still read), and
 * freezing as a background job with progress, all-or-nothing, one at a time per population.
 */
describe('ranking snapshots: staleness from the tables, freezing in the background', () => {
  let sut: TestApp;
  let w: World;
  let supervisor: Actor;

  beforeAll(async () => {
    sut = await createTestApp();
    w = await buildWorld(sut);
    supervisor = {
      userId: '00000000-0000-4000-8000-000000000002',
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
  }, 120_000);

  afterAll(async () => {
    await sut?.close();
  });

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

  it("reads each member's inputs from the tables exactly as the board referenced them", async () => {
    const live = await sut.app.get(RankingService).live(supervisor, scope(w.org.city.id));
    const refs = live.built.refs;
    const current = await currentInputs(w.org.city.path);
    expect(current.size).toBe(live.entries.length);
    expect(current.size).toBeGreaterThan(3);
    for (const entry of live.entries) {
      const id = refs.organizationId(entry.row);
      expect(current.get(id)?.ref).toEqual(refs.get(entry.row));
      expect(current.get(id)?.digest).toBe(refs.digest(entry.row));
    }
    // a peer group is the same members as the board's
    const peerGroup = refs.peerGroup(live.entries.row(0));
    const peers = await currentInputs(w.org.city.path, peerGroup);
    const expected = [...live.entries]
      .filter((entry) => refs.peerGroup(entry.row) === peerGroup)
      .map((entry) => refs.organizationId(entry.row));
    expect([...peers.keys()].sort()).toEqual([...expected].sort());
    // a subtree inside the city
    const county = await currentInputs(w.org.countyA.path);
    expect([...county.values()].every((c) => c.ref.regionPath.includes(w.org.countyA.id))).toBe(
      true,
    );
    expect(county.size).toBeLessThan(current.size);
  });

  it('reads snapshots frozen from the board as they were: not stale, or naming what changed', async () => {
    const current = await currentInputs(w.org.countyB.path);
    const model: { id: string }[] = await sut.dataSource.query(
      'SELECT id FROM scoring_models ORDER BY created_at LIMIT 1',
    );
    // as the board-based freeze stored them: its references and digests
    const store = async (title: string, change: (ref: InputRef) => InputRef) => {
      const refs = [...current.values()].map((c) => change(c.ref));
      const hash = inputsHash(refs.map((ref) => [ref.organizationId, refDigest(ref)] as const));
      const made: { id: string }[] = await sut.dataSource.query(
        `INSERT INTO ranking_snapshots (round_id, region_id, region_path, scoring_model_id, title,
           as_of, inputs_hash, entry_count, ranked_count)
         VALUES ($1, $2, $3, $4, $5, now(), $6, $7, $7) RETURNING id`,
        [
          w.round2023.id,
          w.org.countyB.id,
          w.org.countyB.path,
          model[0]!.id,
          title,
          hash,
          refs.length,
        ],
      );
      const id = made[0]!.id;
      await sut.dataSource.query(
        `INSERT INTO ranking_snapshot_rows (snapshot_id, position, organization_id,
           organization_name, peer_group, tied, points, flags, version_id, input_digest, input)
         SELECT $1, r.position, r.organization_id, r.organization_name, r.peer_group, false,
                '[]', '[]', r.version_id, r.input_digest, r.input
           FROM jsonb_to_recordset($2::jsonb) AS r(position int, organization_id uuid,
             organization_name text, peer_group text, version_id uuid, input_digest text,
             input jsonb)`,
        [
          id,
          JSON.stringify(
            refs.map((ref, position) => ({
              position,
              organization_id: ref.organizationId,
              organization_name: ref.organizationName,
              peer_group: ref.peerGroup,
              version_id: ref.versionId,
              input_digest: refDigest(ref),
              input: ref,
            })),
          ),
        ],
      );
      return id;
    };
    const same = await store('县乙 旧快照', (ref) => ref);
    expect(await snapshot(same)).toMatchObject({ stale: false, staleReason: null });
    const older = await store('县乙 旧快照（退回前）', (ref) =>
      ref.organizationId === w.org.deptB1.id ? { ...ref, status: 'RETURNED' } : ref,
    );
    const node = await snapshot(older);
    expect(node.stale).toBe(true);
    expect(node.staleReason).toBe(
      `冻结后数据已变化：1个单位数据有变化：${w.org.deptB1.name}（状态）`,
    );
  });

  it('names the organization and the field after a deadline extension, a new version, a roster', async () => {
    const first = await freeze(w.org.city.id, '市 冻结一');
    const deptA2 = w.org.deptA2.name;
    // a deadline extension for a bureau that has not reported
    await gqlOk(
      sut,
      'mutation($i: GrantExtensionInput!) { grantExtension(input: $i) { deadline } }',
      {
        i: {
          roundId: w.round2023.id,
          organizationId: w.org.deptA2.id,
          deadline: '2031-06-30',
          reason: '机构调整',
        },
      },
      w.cookie.reviewer,
    );
    let node = await snapshot(first);
    expect(node.stale).toBe(true);
    expect(node.staleReason).toBe(`冻结后数据已变化：1个单位数据有变化：${deptA2}（截止时间）`);

    // frozen again: nothing changed since
    const second = await freeze(w.org.city.id, '市 冻结二');
    expect(await snapshot(second)).toMatchObject({ stale: false });
    // a county frozen now is not made stale by a change in the other county
    const countyA = await freeze(w.org.countyA.id, '甲县 冻结');

    // a new version: the bureau submits its report
    await submitted(w, 'bureauA2', w.org.deptA2.id, deptA2, 3);
    node = await snapshot(second);
    expect(node.stale).toBe(true);
    expect(node.staleReason).toContain(`1个单位数据有变化：${deptA2}（`);
    for (const field of ['状态', '首次报送时间', '报告版本'])
      expect(node.staleReason).toContain(field);
    expect((await snapshot(countyA)).stale).toBe(true);

    // the roster of a bureau in the other county
    const third = await freeze(w.org.city.id, '市 冻结三');
    const countyAAgain = await freeze(w.org.countyA.id, '甲县 冻结二');
    await gqlOk(
      sut,
      'mutation($i: AssignPostInput!) { assignPost(input: $i) { id } }',
      {
        i: {
          organizationId: w.org.deptB1.id,
          postKey: 'dedicatedStaff',
          holderName: '李某',
          fullTime: true,
          fromDate: '2020-01-01',
          untilDate: null,
        },
      },
      w.cookie.bureauB1,
    );
    node = await snapshot(third);
    expect(node.stale).toBe(true);
    expect(node.staleReason).toBe(
      `冻结后数据已变化：1个单位数据有变化：${w.org.deptB1.name}（人员名册）`,
    );
    expect(await snapshot(countyAAgain)).toMatchObject({ stale: false, staleReason: null });
  });

  it('freezes in the background: returns at once, shows progress, and writes all or nothing', async () => {
    const store = sut.app.get(FrozenRowsStore);
    const write = store.write.bind(store);
    const seen: { written: number; total: number | null; rowsOutside: number }[] = [];
    const spy = jest
      .spyOn(store, 'write')
      .mockImplementationOnce((manager, snapshotId, rows, onBatch) =>
        write(
          manager,
          snapshotId,
          rows,
          async (n) => {
            await onBatch?.(n);
            // read from another connection, as the page does
            const task: { written: number; total: number | null }[] = await sut.dataSource.query(
              `SELECT written, total FROM ranking_freeze_tasks WHERE status = 'RUNNING'`,
            );
            const outside: { n: number }[] = await sut.dataSource.query(
              'SELECT count(*)::int AS n FROM ranking_snapshot_rows WHERE snapshot_id = $1',
              [snapshotId],
            );
            seen.push({ ...task[0]!, rowsOutside: outside[0]!.n });
          },
          2,
        ),
      );
    try {
      const started = await gqlOk<{ startRankingFreeze: Task & { regionName: string } }>(
        sut,
        START,
        { i: scope(w.org.city.id, '市 后台冻结') },
        w.cookie.supervisor,
      );
      const task = started.startRankingFreeze;
      expect(task).toMatchObject({ status: 'RUNNING', written: 0, snapshotId: null });
      expect(task.regionName).toBe(w.org.city.name);
      const done = await finished(task.id);
      expect(done.status).toBe('DONE');
      const node = await snapshot(done.snapshot_id!);
      expect(node).toMatchObject({ title: '市 后台冻结', stale: false });
      const total = node.entryCount;
      expect(seen.length).toBe(Math.ceil(total / 2));
      expect(seen.map((s) => s.written)).toEqual(seen.map((_, i) => Math.min(total, (i + 1) * 2)));
      expect(seen.every((s) => s.total === total && s.rowsOutside === 0)).toBe(true);
      const rows: { n: number }[] = await sut.dataSource.query(
        'SELECT count(*)::int AS n FROM ranking_snapshot_rows WHERE snapshot_id = $1',
        [done.snapshot_id],
      );
      expect(rows[0]!.n).toBe(total);
      expect(await tasks(w.org.city.id)).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });

  it('leaves nothing when a freeze fails, shows why, and freezes on retry', async () => {
    await gqlOk(
      sut,
      'mutation($i: GrantExtensionInput!) { grantExtension(input: $i) { deadline } }',
      {
        i: {
          roundId: w.round2023.id,
          organizationId: w.org.cityDept.id,
          deadline: '2031-05-31',
          reason: '机构调整',
        },
      },
      w.cookie.reviewer,
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
              if (n === 3) throw new Error('the disk is full');
              n += 1;
              yield row;
            }
          })(),
          onBatch,
          2,
        ),
      );
    const before = [await count('ranking_snapshots'), await count('ranking_snapshot_rows')];
    let failedId: string;
    try {
      const started = await gqlOk<{ startRankingFreeze: Task }>(
        sut,
        START,
        { i: scope(w.org.city.id, '市 会失败') },
        w.cookie.supervisor,
      );
      failedId = started.startRankingFreeze.id;
      expect((await finished(failedId)).status).toBe('FAILED');
    } finally {
      spy.mockRestore();
    }
    expect([await count('ranking_snapshots'), await count('ranking_snapshot_rows')]).toEqual(
      before,
    );
    const listed = await tasks(w.org.city.id);
    expect(listed).toEqual([
      expect.objectContaining({
        id: failedId,
        status: 'FAILED',
        failureReason: 'snapshot.freezeFailed',
        snapshotId: null,
      }),
    ]);
    // retried: the failed one is replaced, and the freeze goes through
    const retried = await gqlOk<{ startRankingFreeze: Task }>(
      sut,
      START,
      { i: scope(w.org.city.id, '市 会失败') },
      w.cookie.supervisor,
    );
    expect(retried.startRankingFreeze.id).not.toBe(failedId);
    const done = await finished(retried.startRankingFreeze.id);
    expect(done.status).toBe('DONE');
    expect(await tasks(w.org.city.id)).toEqual([]);
    expect(await count('ranking_snapshots')).toBe(before[0]! + 1);

    // a refusal of the job is shown with its reason: nothing changed since
    const again = await gqlOk<{ startRankingFreeze: Task }>(
      sut,
      START,
      { i: scope(w.org.city.id) },
      w.cookie.supervisor,
    );
    const refused = await finished(again.startRankingFreeze.id);
    expect(refused.status).toBe('FAILED');
    expect(refused.failure?.key).toBe('ranking.snapshotUnchanged');
    const shown = await gqlOk<{
      rankingFreezeTasks: (Task & { failureParams: { title: string } })[];
    }>(
      sut,
      `query($r: ID!) { rankingFreezeTasks(roundId: $r) { id failureReason failureParams } }`,
      { r: w.round2023.id },
      w.cookie.supervisor,
    );
    expect(shown.rankingFreezeTasks[0]).toMatchObject({
      id: again.startRankingFreeze.id,
      failureReason: 'ranking.snapshotUnchanged',
      failureParams: { title: '市 会失败' },
    });
    // bureaus do not see the freezes of their region
    const asBureau = await sut.graphql(TASKS, { r: w.round2023.id, g: null }, w.cookie.bureauA1);
    expect(asBureau.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('runs one freeze of a population at a time: a second request joins the first', async () => {
    await gqlOk(
      sut,
      'mutation($i: GrantExtensionInput!) { grantExtension(input: $i) { deadline } }',
      {
        i: {
          roundId: w.round2023.id,
          organizationId: w.org.deptB1.id,
          deadline: '2031-07-31',
          reason: '系统故障',
        },
      },
      w.cookie.reviewer,
    );
    const before = await count('ranking_snapshots');
    const [a, b] = await Promise.all(
      [1, 2].map(() =>
        gqlOk<{ startRankingFreeze: Task }>(
          sut,
          START,
          { i: scope(w.org.city.id, '市 同时冻结') },
          w.cookie.supervisor,
        ),
      ),
    );
    expect(a.startRankingFreeze.id).toBe(b.startRankingFreeze.id);
    expect((await finished(a.startRankingFreeze.id)).status).toBe('DONE');
    expect(await count('ranking_snapshots')).toBe(before + 1);

    // two waiting freezes at once give one snapshot (the other is refused as a copy, or joins)
    await gqlOk(
      sut,
      'mutation($i: GrantExtensionInput!) { grantExtension(input: $i) { deadline } }',
      {
        i: {
          roundId: w.round2023.id,
          organizationId: w.org.deptB1.id,
          deadline: '2031-08-31',
          reason: '系统故障',
        },
      },
      w.cookie.reviewer,
    );
    const both = await Promise.all(
      [1, 2].map(() =>
        sut.graphql(FREEZE, { i: scope(w.org.city.id, '市 同时冻结二') }, w.cookie.supervisor),
      ),
    );
    const ids = both.map(
      (r) => (r.data as { freezeRanking?: { id: string } } | null)?.freezeRanking?.id,
    );
    const made = new Set(ids.filter((id): id is string => !!id));
    expect(made.size).toBe(1);
    for (const r of both)
      if (r.errors)
        expect((r.errors[0]!.extensions as { reason?: string }).reason).toBe(
          'ranking.snapshotUnchanged',
        );
    expect(await count('ranking_snapshots')).toBe(before + 2);
  });
});
