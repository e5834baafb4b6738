import { CurrentInputsReader } from '../src/modules/scoring/current-inputs.reader';
import { RosterService } from '../src/modules/staffing/roster.service';
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
});
