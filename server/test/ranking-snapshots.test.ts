import { inputsHash, refDigest, type InputRef } from '../src/modules/scoring/input-ref';
import { RankingService } from '../src/modules/scoring/ranking.service';
import { referenceRanking, referenceRound } from './support/reference-scoring';
import { gqlOk, submitted } from './support/world';
import { snapshotWorld } from './support/snapshots';

/**
 * The staleness of a frozen ranking from the inputs PostgreSQL holds now: each member's inputs
 * by reference read from the tables equal the references of the inputs `@gongkai/scoring` is
 * given over the whole reports (`support/reference-scoring.ts`), so snapshots frozen from those
 * references read as they were.
 */
describe('ranking snapshots: staleness from the inputs in the tables', () => {
  let t: Awaited<ReturnType<typeof snapshotWorld>>;

  beforeAll(async () => {
    t = await snapshotWorld();
  }, 120_000);

  afterAll(async () => {
    await t?.sut.close();
  });

  it("reads each member's inputs from the tables exactly as the package's inputs reference them", async () => {
    const { sut, w, supervisor, scope, currentInputs } = t;
    const { round, region } = await sut.app
      .get(RankingService)
      .resolveScope(supervisor, scope(w.org.city.id));
    const scored = await referenceRound(sut.app, round.id);
    const entries = referenceRanking(scored, { regionPath: region.path });
    const refOf = (row: number) => scored.items[row]!.ref;
    const current = await currentInputs(w.org.city.path);
    expect(current.size).toBe(entries.length);
    expect(current.size).toBeGreaterThan(3);
    for (const entry of entries) {
      const ref = refOf(entry.row);
      expect(current.get(ref.organizationId)?.ref).toEqual(ref);
      expect(current.get(ref.organizationId)?.digest).toBe(refDigest(ref));
    }
    // a peer group is the same members as the package's
    const peerGroup = refOf(entries[0]!.row).peerGroup;
    const peers = await currentInputs(w.org.city.path, peerGroup);
    const expected = entries
      .filter((entry) => refOf(entry.row).peerGroup === peerGroup)
      .map((entry) => entry.organizationId);
    expect([...peers.keys()].sort()).toEqual([...expected].sort());
    // a subtree inside the city
    const county = await currentInputs(w.org.countyA.path);
    expect([...county.values()].every((c) => c.ref.regionPath.includes(w.org.countyA.id))).toBe(
      true,
    );
    expect(county.size).toBeLessThan(current.size);
  });

  it('reads snapshots frozen from those references as they were: not stale, or naming what changed', async () => {
    const { sut, w, snapshot, currentInputs } = t;
    const current = await currentInputs(w.org.countyB.path);
    const model: { id: string }[] = await sut.dataSource.query(
      'SELECT id FROM scoring_models ORDER BY created_at LIMIT 1',
    );
    // as a freeze of those references stores them: references and digests
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
    const { sut, w, freeze, snapshot } = t;
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
});
