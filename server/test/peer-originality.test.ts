import type { AnnualReport } from '@gongkai/report-model';
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

const FINDINGS = `query($id: ID!) { submission(id: $id) {
  currentVersion { findings { key rule expected actual message messageEn peerOrganizationId } }
} }`;

type PeerView = {
  rule: string;
  expected: number | null;
  actual: number | null;
  message: string;
  messageEn: string;
  peerOrganizationId: string | null;
};

describe('originality.peer at save time', () => {
  let app: TestApp;
  let w: World;
  const subs: Record<string, string> = {};
  let cityReport: AnnualReport;

  async function save(
    who: Parameters<typeof start>[1],
    orgId: string,
    report: unknown,
    roundId = w.round2023.id,
  ) {
    const s = await start(w, who, orgId, roundId);
    const current = await gqlOk<{ submission: { revision: number } }>(
      app,
      'query($id: ID!) { submission(id: $id) { revision } }',
      { id: s.id },
      w.cookie[who],
    );
    const res = await saveDraft(w, who, s.id, current.submission.revision, report);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return s.id;
  }

  async function peerFindings(who: Parameters<typeof start>[1], id: string): Promise<PeerView[]> {
    const data = await gqlOk<{ submission: { currentVersion: { findings: PeerView[] } } }>(
      app,
      FINDINGS,
      { id },
      w.cookie[who],
    );
    return data.submission.currentVersion.findings.filter((f) => f.rule === 'originality.peer');
  }

  /** Another body's report with the prose of `source`, a sentence changed. */
  function nearCopy(source: AnnualReport, seed: number, name: string, year = 2023): AnnualReport {
    const copy = clone(makeReport(seed, year, name));
    copy.sections = { ...clone(source).sections };
    copy.sections.other = `${copy.sections.other ?? ''}本单位将继续做好政府信息公开工作。`;
    return copy as AnnualReport;
  }

  beforeAll(async () => {
    app = await createTestApp();
    w = await buildWorld(app);
    cityReport = makeReport(301, 2023, '测试市财政局');
    subs.city = await save('admin', w.org.cityDept.id, cityReport);
    subs.b1 = await save('bureauB1', w.org.deptB1.id, makeReport(302, 2023, '乙县科学技术局'));
    subs.a2 = await save('bureauA2', w.org.deptA2.id, nearCopy(cityReport, 303, '甲县教育局'));
  });

  afterAll(async () => {
    await app.close();
  });

  it('flags a near-copy of another body’s report in the round, with the ratio', async () => {
    const [finding, ...more] = await peerFindings('reviewer', subs.a2!);
    expect(more).toHaveLength(0);
    expect(finding).toMatchObject({ expected: 0.5, peerOrganizationId: w.org.cityDept.id });
    expect(finding!.actual).toBeGreaterThan(0.5);
    expect(finding!.message).toContain('测试市财政局');
    expect(finding!.messageEn).toContain(`${Math.round(finding!.actual! * 1000) / 10}%`);
  });

  it('does not flag a different report', async () => {
    expect(await peerFindings('bureauB1', subs.b1!)).toEqual([]);
    expect(await peerFindings('admin', subs.city!)).toEqual([]);
  });

  it('hides the other body from the copying bureau and from reviewers outside its subtree', async () => {
    for (const who of ['bureauA2', 'reviewerA'] as const) {
      const findings = await peerFindings(who, subs.a2!);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ peerOrganizationId: null });
      expect(findings[0]!.messageEn).toContain("another body's report in this round");
      expect(findings[0]!.message).toContain('本轮另一单位');
      expect(JSON.stringify(findings)).not.toContain('财政局');
      expect(JSON.stringify(findings)).not.toContain(w.org.cityDept.id);
    }
  });

  it('does not compare with another round', async () => {
    const id = await save(
      'bureauA1',
      w.org.deptA1.id,
      nearCopy(cityReport, 304, '甲县科学技术局', 2022),
      w.round2022.id,
    );
    expect(await peerFindings('reviewer', id)).toEqual([]);
  });

  it('compares with the peer’s latest version once it is saved again', async () => {
    const revised = makeReport(305, 2023, '测试市财政局');
    await save('admin', w.org.cityDept.id, revised);
    const id = await save('bureauA1', w.org.deptA1.id, nearCopy(revised, 306, '甲县科学技术局'));
    const findings = await peerFindings('reviewer', id);
    expect(findings.map((f) => f.peerOrganizationId)).toEqual([w.org.cityDept.id]);
    expect(findings[0]!.actual).toBeGreaterThan(0.5);
  });
});
