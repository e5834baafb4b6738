import { JobsService } from '../src/jobs/jobs.service';
import { FrozenRowsStore } from '../src/modules/scoring/frozen-rows.store';
import { FREEZE_JOB } from '../src/modules/scoring/ranking-freeze.service';
import { failNextFrozenWrite } from './support/frozen-writes';
import { gqlOk } from './support/world';
import { FREEZE, START, TASKS, snapshotWorld, type Task } from './support/snapshots';

/**
 * Freezing a ranking as a background job: returns at once, shows its progress, writes all or
 * nothing, reports a failure with its reason, and runs once per population at a time.
 */
describe('freezing a ranking in the background', () => {
  let t: Awaited<ReturnType<typeof snapshotWorld>>;

  beforeAll(async () => {
    t = await snapshotWorld();
  }, 120_000);

  afterAll(async () => {
    await t?.sut.close();
  });

  it('freezes in the background: returns at once, shows progress, and writes all or nothing', async () => {
    const { sut, w, scope, snapshot, tasks, finished } = t;
    const store = sut.app.get(FrozenRowsStore);
    const write = store.write.bind(store);
    const seen: { written: number; total: number | null; rowsOutside: number }[] = [];
    const spy = jest
      .spyOn(store, 'write')
      .mockImplementationOnce((manager, target, rows, onBatch) =>
        write(
          manager,
          target,
          rows,
          async (n) => {
            await onBatch?.(n);
            // read from another connection, as the page does
            const task: { written: number; total: number | null }[] = await sut.dataSource.query(
              `SELECT written, total FROM ranking_freeze_tasks WHERE status = 'RUNNING'`,
            );
            const outside: { n: number }[] = await sut.dataSource.query(
              'SELECT count(*)::int AS n FROM ranking_snapshot_rows WHERE snapshot_id = $1',
              [target.snapshotId],
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
      // listed for a while once done, with its snapshot, so the page watching it finds it
      expect(await tasks(w.org.city.id)).toEqual([
        expect.objectContaining({
          id: task.id,
          status: 'DONE',
          snapshotId: done.snapshot_id,
          written: total,
          total,
        }),
      ]);
    } finally {
      spy.mockRestore();
    }
  });

  it('leaves nothing when a freeze fails, shows why, and freezes on retry', async () => {
    const { sut, w, scope, tasks, count, finished } = t;
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
    const spy = failNextFrozenWrite(sut, 3, 2);
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
    const listed = (await tasks(w.org.city.id)).filter((x) => x.status !== 'DONE');
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
    expect((await tasks(w.org.city.id)).filter((x) => x.status !== 'DONE')).toEqual([]);
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
    const { sut, w, scope, count, finished } = t;
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
    expect(a!.startRankingFreeze.id).toBe(b!.startRankingFreeze.id);
    expect((await finished(a!.startRankingFreeze.id)).status).toBe('DONE');
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

describe('freezing a ranking through the job queue', () => {
  let t: Awaited<ReturnType<typeof snapshotWorld>>;

  beforeAll(async () => {
    t = await snapshotWorld({ GONGKAI_JOBS: 'true' });
  }, 120_000);

  afterAll(async () => {
    await t?.sut.close();
  });

  /** A freeze recorded as running by a process that stopped before working it. */
  async function leftRunning(regionId: string, regionPath: string, minutesAgo: number) {
    const { sut, w, supervisor } = t;
    const rows: { id: string }[] = await sut.dataSource.query(
      `INSERT INTO ranking_freeze_tasks (round_id, region_id, region_path, scoring_model_id,
         actor, created_at, updated_at)
       SELECT $1, $2, $3, m.id, $4, now() - make_interval(mins => $5),
              now() - make_interval(mins => $5)
         FROM scoring_models m ORDER BY m.created_at LIMIT 1
       RETURNING id`,
      [w.round2023.id, regionId, regionPath, JSON.stringify(supervisor), minutesAgo],
    );
    return rows[0]!.id;
  }

  it('works a freeze sent to the queue, and one started here only once', async () => {
    const { sut, w, scope, count, finished } = t;
    const jobs = sut.app.get(JobsService);
    expect(jobs.running).toBe(true);
    const before = await count('ranking_snapshots');
    const left = await leftRunning(w.org.city.id, w.org.city.path, 0);
    await jobs.send(FREEZE_JOB, { taskId: left });
    const done = await finished(left);
    expect(done.status).toBe('DONE');
    expect(await count('ranking_snapshots')).toBe(before + 1);
    const frozen: { n: number }[] = await sut.dataSource.query(
      'SELECT entry_count AS n FROM ranking_snapshots WHERE id = $1',
      [done.snapshot_id],
    );
    expect(frozen[0]!.n).toBeGreaterThan(3);

    // started here and sent to the queue: worked once
    const started = await gqlOk<{ startRankingFreeze: Task }>(
      sut,
      START,
      { i: scope(w.org.countyB.id, '乙县 经队列') },
      w.cookie.supervisor,
    );
    expect((await finished(started.startRankingFreeze.id)).status).toBe('DONE');
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the queue's turn
    expect(await count('ranking_snapshots')).toBe(before + 2);
  });

  it('lets a freeze stalled for long give way to a new one', async () => {
    const { sut, w, scope, finished } = t;
    const stalled = await leftRunning(w.org.countyA.id, w.org.countyA.path, 20);
    const recent = await leftRunning(w.org.countyB.id, w.org.countyB.path, 1);
    const started = await gqlOk<{ startRankingFreeze: Task }>(
      sut,
      START,
      { i: scope(w.org.countyA.id) },
      w.cookie.supervisor,
    );
    expect(started.startRankingFreeze.id).not.toBe(stalled);
    const old = await finished(stalled);
    expect(old).toMatchObject({ status: 'FAILED', failure: { key: 'snapshot.freezeFailed' } });
    expect((await finished(started.startRankingFreeze.id)).status).toBe('DONE');
    // a recent one is joined, not replaced
    const joined = await gqlOk<{ startRankingFreeze: Task }>(
      sut,
      START,
      { i: scope(w.org.countyB.id) },
      w.cookie.supervisor,
    );
    expect(joined.startRankingFreeze.id).toBe(recent);
  });
});
