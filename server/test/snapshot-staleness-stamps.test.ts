import { CurrentInputsReader } from '../src/modules/scoring/current-inputs.reader';
import { InputRefsStore } from '../src/modules/scoring/input-refs.store';
import { RosterService } from '../src/modules/staffing/roster.service';
import { refDigest, type InputRef } from '../src/modules/scoring/input-ref';
import { gqlOk, submitted } from './support/world';
import { snapshotWorld } from './support/snapshots';

/**
 * A snapshot's staleness keeps the population's current-inputs hash in PostgreSQL under the
 * change counters it was computed with: a check with no change is one lookup (no member and no
 * roster is read), and a change to any kind of input moves a counter, so it is seen.
 */
describe('snapshot staleness: the kept inputs hash and the change counters', () => {
  let t: Awaited<ReturnType<typeof snapshotWorld>>;
  /** The city's snapshot, frozen by the first test. */
  let frozen = '';

  beforeAll(async () => {
    t = await snapshotWorld();
  }, 120_000);

  afterAll(async () => {
    await t?.sut.close();
  });

  it('checks an unchanged snapshot with one lookup from its freeze on: no member, no roster is read', async () => {
    const { sut, w, freeze, snapshot } = t;
    const id = await freeze(w.org.city.id, '市 不变');
    frozen = id;
    // the freeze keeps the hash it staged
    const kept: { stamps: string; member_count: number }[] = await sut.dataSource.query(
      'SELECT stamps, member_count FROM population_input_hashes WHERE round_id = $1',
      [w.round2023.id],
    );
    expect(kept.length).toBeGreaterThan(0);
    expect(kept[0]!.member_count).toBeGreaterThan(3);

    const roster = jest.spyOn(sut.app.get(RosterService), 'summaries');
    const compute = jest.spyOn(sut.app.get(CurrentInputsReader), 'computeHash');
    try {
      expect(await snapshot(id)).toMatchObject({ stale: false, staleReason: null });
      expect(await snapshot(id)).toMatchObject({ stale: false, staleReason: null });
      expect(roster).not.toHaveBeenCalled();
      expect(compute).not.toHaveBeenCalled();
      // without the kept hash (another process's cache emptied) it is read again, once
      await sut.dataSource.query('DELETE FROM population_input_hashes');
      expect(await snapshot(id)).toMatchObject({ stale: false, staleReason: null });
      expect(compute).toHaveBeenCalledTimes(1);
    } finally {
      roster.mockRestore();
      compute.mockRestore();
    }
  });

  it('sees a change to each kind of input, and not after it is undone', async () => {
    const { sut, w, freeze, snapshot } = t;
    const id = frozen;
    expect(id).not.toBe('');
    const sql = (text: string, params: unknown[]) => sut.dataSource.query(text, params);
    const changes: {
      field: string;
      apply: () => Promise<unknown>;
      undo: () => Promise<unknown>;
    }[] = [
      {
        field: '名称',
        apply: () =>
          sql(`UPDATE organizations SET name = name || '新' WHERE id = $1`, [w.org.deptA1.id]),
        undo: () =>
          sql('UPDATE organizations SET name = $2 WHERE id = $1', [
            w.org.deptA1.id,
            w.org.deptA1.name,
          ]),
      },
      {
        field: '所属地区',
        apply: () =>
          sql(`UPDATE organizations SET name = name || '新' WHERE id = $1`, [w.org.countyA.id]),
        undo: () =>
          sql('UPDATE organizations SET name = $2 WHERE id = $1', [
            w.org.countyA.id,
            w.org.countyA.name,
          ]),
      },
      {
        field: '同类组',
        apply: () =>
          sql(`UPDATE organizations SET peer_group = 'other-peers' WHERE id = $1`, [
            w.org.deptA1.id,
          ]),
        undo: () =>
          sql('UPDATE organizations SET peer_group = $2 WHERE id = $1', [
            w.org.deptA1.id,
            w.org.deptA1.peerGroup,
          ]),
      },
      {
        field: '部门类型',
        apply: () =>
          sql(`UPDATE organizations SET kind = 'other-kind' WHERE id = $1`, [w.org.deptA1.id]),
        undo: () =>
          sql('UPDATE organizations SET kind = $2 WHERE id = $1', [
            w.org.deptA1.id,
            w.org.deptA1.kind,
          ]),
      },
      {
        field: '截止时间',
        apply: () =>
          sql(`UPDATE rounds SET department_deadline = department_deadline + 1 WHERE id = $1`, [
            w.round2023.id,
          ]),
        undo: () =>
          sql(`UPDATE rounds SET department_deadline = department_deadline - 1 WHERE id = $1`, [
            w.round2023.id,
          ]),
      },
      {
        field: '状态',
        apply: () =>
          sql(
            `UPDATE submissions SET status = 'RETURNED' WHERE round_id = $1 AND organization_id = $2`,
            [w.round2023.id, w.org.deptB1.id],
          ),
        undo: () =>
          sql(
            `UPDATE submissions SET status = 'SUBMITTED' WHERE round_id = $1 AND organization_id = $2`,
            [w.round2023.id, w.org.deptB1.id],
          ),
      },
    ];
    for (const change of changes) {
      await change.apply();
      const node = await snapshot(id);
      expect({ field: change.field, stale: node.stale }).toEqual({
        field: change.field,
        stale: true,
      });
      expect(node.staleReason).toContain(change.field);
      await change.undo();
      expect({ field: change.field, ...(await snapshot(id)) }).toMatchObject({
        field: change.field,
        stale: false,
        staleReason: null,
      });
    }

    // the roster of a member
    await gqlOk(
      sut,
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
    let node = await snapshot(id);
    expect(node.stale).toBe(true);
    expect(node.staleReason).toContain('人员名册');

    // last year's report compared with: a submission in last year's round
    const again = await freeze(w.org.city.id, '市 上年之前');
    await submitted(w, 'bureauB1', w.org.deptB1.id, w.org.deptB1.name, 5, w.round2022.id, 2022);
    node = await snapshot(again);
    expect(node.stale).toBe(true);
    expect(node.staleReason).toContain('上年报告');
    // and a change in last year's round alone (its counter, not this round's)
    const last = await freeze(w.org.city.id, '市 上年之后');
    await sut.dataSource.query(
      'UPDATE submissions SET submitted_version_id = NULL WHERE round_id = $1 AND organization_id = $2',
      [w.round2022.id, w.org.deptB1.id],
    );
    node = await snapshot(last);
    expect(node.stale).toBe(true);
    expect(node.staleReason).toBe(
      `冻结后数据已变化：1个单位数据有变化：${w.org.deptB1.name}（上年报告）`,
    );
  });
  it("keeps the round's inputs under the same counters: every kind of change leaves them unread until kept again", async () => {
    const { sut, w, freeze } = t;
    const refs = sut.app.get(InputRefsStore);
    const reader = sut.app.get(CurrentInputsReader);
    const population = { roundId: w.round2023.id, regionPath: w.org.city.path, peerGroup: null };
    const sql = (text: string, params: unknown[]) => sut.dataSource.query(text, params);
    /** Whether a freeze starting now would read the kept inputs. */
    const current = async (): Promise<boolean> => {
      const counters = await reader.counters(population);
      return sut.dataSource.transaction((manager) =>
        refs.holdCurrent(manager, w.round2023.id, counters!.stamps),
      );
    };
    /** The kept inputs of the city's members, as the reader's references without roster. */
    const keptEqualsRead = async (): Promise<void> => {
      const kept = (await sql(
        `SELECT organization_id, input, input_digest FROM round_input_ref_rows
          WHERE round_id = $1 ORDER BY organization_id`,
        [w.round2023.id],
      )) as { organization_id: string; input: InputRef; input_digest: string }[];
      const read: InputRef[] = [];
      for await (const batch of reader.batches(population))
        for (const { ref } of batch) read.push({ ...ref, roster: null });
      expect(kept.map((row) => row.input)).toEqual(read);
      expect(kept.map((row) => row.input_digest)).toEqual(read.map(refDigest));
    };
    await refs.refresh(w.round2023.id);
    expect(await current()).toBe(true);
    await keptEqualsRead();
    const changes: { what: string; apply: () => Promise<unknown> }[] = [
      {
        what: 'a name',
        apply: () =>
          sql(`UPDATE organizations SET name = name || '改' WHERE id = $1`, [w.org.deptA1.id]),
      },
      {
        what: 'a peer group',
        apply: () =>
          sql(`UPDATE organizations SET peer_group = 'kept-peers' WHERE id = $1`, [
            w.org.deptA1.id,
          ]),
      },
      {
        what: 'a deadline',
        apply: () =>
          sql(`UPDATE rounds SET department_deadline = department_deadline + 2 WHERE id = $1`, [
            w.round2023.id,
          ]),
      },
      {
        what: 'a deadline extension',
        apply: () =>
          sql(
            `INSERT INTO round_extensions (round_id, organization_id, deadline, reason, granted_by_id)
             SELECT $1, $2, DATE '2031-03-01', 'test', id FROM users WHERE username = $3`,
            [w.round2023.id, w.org.deptB1.id, w.username.supervisor],
          ),
      },
      {
        what: 'a return',
        apply: () =>
          sql(
            `UPDATE submissions SET status = 'RETURNED' WHERE round_id = $1 AND organization_id = $2`,
            [w.round2023.id, w.org.deptB1.id],
          ),
      },
      {
        what: 'a new version',
        apply: () => submitted(w, 'bureauA2', w.org.deptA2.id, w.org.deptA2.name, 6),
      },
      {
        what: 'a roster',
        apply: () =>
          gqlOk(
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
          ),
      },
      {
        what: "last year's round",
        apply: () =>
          submitted(w, 'bureauA2', w.org.deptA2.id, w.org.deptA2.name, 3, w.round2022.id, 2022),
      },
    ];
    for (const change of changes) {
      await change.apply();
      expect({ what: change.what, current: await current() }).toEqual({
        what: change.what,
        current: false,
      });
      // kept again: equal to what is read now
      expect({ what: change.what, kept: (await refs.refresh(w.round2023.id)) !== null }).toEqual({
        what: change.what,
        kept: true,
      });
      expect(await current()).toBe(true);
      await keptEqualsRead();
    }
    // and a freeze reads them
    const held = jest.spyOn(refs, 'holdCurrent');
    try {
      await freeze(w.org.city.id, '市 保留的输入');
      await expect(held.mock.results[0]!.value).resolves.toBe(true);
    } finally {
      held.mockRestore();
    }
  });
});
