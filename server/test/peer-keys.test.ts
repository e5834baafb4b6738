import type { AnnualReport } from '@gongkai/report-model';
import { DataSource } from 'typeorm';
import { PeerKeysBackfill } from '../src/modules/submissions/peer-keys.backfill';
import { createTestApp, type TestApp } from './test-app';
import {
  buildWorld,
  clone,
  gqlOk,
  makeReport,
  saveDraft,
  start,
  type World,
} from './support/world';

type KeyRow = { version_id: string; submission_id: string; band_keys: number[]; signature: Buffer };

const PEERS = `query($id: ID!) { submission(id: $id) {
  currentVersion { id findings { rule peerOrganizationId } } } }`;

describe('version_peer_keys', () => {
  let app: TestApp;
  let w: World;
  let db: DataSource;

  async function save(who: Parameters<typeof start>[1], orgId: string, report: unknown) {
    const s = await start(w, who, orgId, w.round2023.id);
    const current = await gqlOk<{ submission: { revision: number } }>(
      app,
      'query($id: ID!) { submission(id: $id) { revision } }',
      { id: s.id },
      w.cookie[who],
    );
    const res = await saveDraft(w, who, s.id, current.submission.revision, report);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    const data = await gqlOk<{
      submission: {
        currentVersion: { id: string; findings: { rule: string; peerOrganizationId: string }[] };
      };
    }>(app, PEERS, { id: s.id }, w.cookie.reviewer);
    return {
      submissionId: s.id,
      versionId: data.submission.currentVersion.id,
      peers: data.submission.currentVersion.findings
        .filter((f) => f.rule === 'originality.peer')
        .map((f) => f.peerOrganizationId),
    };
  }

  const keysOf = async (versionIds: string[]) =>
    (await db.query(
      `SELECT version_id, submission_id, band_keys, signature FROM version_peer_keys
        WHERE version_id = ANY($1::uuid[]) ORDER BY version_id`,
      [versionIds],
    )) as KeyRow[];

  beforeAll(async () => {
    app = await createTestApp();
    w = await buildWorld(app);
    db = app.app.get(DataSource);
  });

  afterAll(async () => {
    await app.close();
  });

  it('writes a saved version’s keys in its transaction, and the backfill writes the same', async () => {
    const city = makeReport(401, 2023, '测试市财政局');
    const first = await save('admin', w.org.cityDept.id, city);
    const copy = clone(makeReport(402, 2023, '甲县教育局'));
    copy.sections = { ...clone(city).sections };
    const second = await save('bureauA2', w.org.deptA2.id, copy);
    expect(second.peers).toEqual([w.org.cityDept.id]);

    const written = await keysOf([first.versionId, second.versionId]);
    expect(written).toHaveLength(2);
    for (const row of written) {
      expect(row.band_keys).toHaveLength(32);
      expect(row.signature).toHaveLength(512);
    }
    expect(written.find((r) => r.version_id === first.versionId)?.submission_id).toBe(
      first.submissionId,
    );

    // versions stored before the table: the backfill computes the same keys from the stored prose
    await db.query(`DELETE FROM version_peer_keys`);
    const keyed = await app.app.get(PeerKeysBackfill).backfillAll();
    const versions = (await db.query(`SELECT count(*)::int AS n FROM submission_versions`)) as {
      n: number;
    }[];
    expect(keyed).toBe(versions[0]!.n);
    expect(await keysOf([first.versionId, second.versionId])).toEqual(written);
    expect(await app.app.get(PeerKeysBackfill).backfillAll()).toBe(0);

    // and the next check finds the peer through them
    const again = clone(copy as AnnualReport);
    again.sections = { ...again.sections, other: `${again.sections.other ?? ''}另附说明。` };
    expect((await save('bureauA2', w.org.deptA2.id, again)).peers).toEqual([w.org.cityDept.id]);
  });
});
