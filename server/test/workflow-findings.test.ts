import { withCellDelta } from '@gongkai/report-model/testing';
import { type TestApp } from './test-app';
import {
  act,
  buildWorld,
  codeOf,
  databaseDigest,
  gqlOk,
  makeReport,
  saveDraft,
  start,
  submitted,
} from './support/world';
import { DETAIL, type Detail } from './support/workflow';
import { useApp } from './support/suite';

/** Findings on the way to approval: errors block, warnings are justified; bulk approval. */
describe('submission workflow', () => {
  let app: TestApp;
  useApp((booted) => (app = booted));

  it('blocks submit on errors, lets warnings be justified, and feeds the previous year into cross-year rules', async () => {
    const w3 = await buildWorld(app);
    await submitted(w3, 'bureauA1', w3.org.deptA1.id, '甲县科学技术局', 40, w3.round2022.id, 2022);
    const w = w3;
    const s = await start(w, 'bureauA1', w.org.deptA1.id);
    const d0 = await gqlOk<Detail>(app, DETAIL, { id: s.id }, w.cookie.bureauA1).then(
      (x) => x.submission,
    );
    const broken = withCellDelta(
      makeReport(41, 2023, '甲县科学技术局'),
      'applications.newReceived.natural',
      3,
    );
    const saved = await saveDraft(w, 'bureauA1', s.id, d0.revision, broken);
    const d = await gqlOk<Detail>(app, DETAIL, { id: s.id }, w.cookie.bureauA1).then(
      (x) => x.submission,
    );
    expect(d.currentVersion.previousYearVersionId).not.toBeNull();
    expect(
      d.currentVersion.findings.some(
        (f) => f.rule === 'applications.rowTotal' && f.severity === 'error',
      ),
    ).toBe(true);
    expect(d.currentVersion.findings.some((f) => f.rule === 'applications.carryOver')).toBe(true);
    const blocked = await act(
      w,
      'bureauA1',
      'submitSubmission',
      { submissionId: s.id, expectedRevision: saved.data!.saveDraft.revision },
      'SubmitInput',
    );
    expect(codeOf(blocked)).toBe('BAD_USER_INPUT');
    expect(blocked.errors![0]!.extensions!.field).toMatch(/^report\.applications\./);
    expect(
      (await gqlOk<Detail>(app, DETAIL, { id: s.id }, w.cookie.bureauA1).then((x) => x.submission))
        .status,
    ).toBe('DRAFT');

    const warning = d.currentVersion.findings.find((f) => f.severity === 'warning')!;
    const justified = await act(
      w,
      'bureauA1',
      'justifyFinding',
      {
        submissionId: s.id,
        expectedRevision: saved.data!.saveDraft.revision,
        findingKey: warning.key,
        text: '上年结转数经核实已更正',
      },
      'JustifyFindingInput',
    );
    expect(codeOf(justified)).toBe('OK');
    const error = d.currentVersion.findings.find((f) => f.severity === 'error')!;
    expect(
      codeOf(
        await act(
          w,
          'bureauA1',
          'justifyFinding',
          {
            submissionId: s.id,
            expectedRevision: justified.data!.justifyFinding!.revision,
            findingKey: error.key,
            text: 'x',
          },
          'JustifyFindingInput',
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    const after = await gqlOk<Detail>(app, DETAIL, { id: s.id }, w.cookie.bureauA1).then(
      (x) => x.submission,
    );
    expect(after.currentVersion.findings.find((f) => f.key === warning.key)!.justification).toBe(
      '上年结转数经核实已更正',
    );
  });

  it('justifyFinding bumps the revision: a second writer holding the old one gets CONFLICT and nothing is overwritten', async () => {
    const wj = await buildWorld(app);
    await submitted(wj, 'bureauA1', wj.org.deptA1.id, '甲县科学技术局', 60, wj.round2022.id, 2022);
    const s = await start(wj, 'bureauA1', wj.org.deptA1.id);
    const saved = await saveDraft(
      wj,
      'bureauA1',
      s.id,
      s.revision,
      withCellDelta(makeReport(61, 2023, '甲县科学技术局'), 'applications.newReceived.natural', 3),
    );
    const revision = saved.data!.saveDraft.revision;
    const d = await gqlOk<Detail>(app, DETAIL, { id: s.id }, wj.cookie.bureauA1).then(
      (x) => x.submission,
    );
    const warning = d.currentVersion.findings.find((f) => f.severity === 'warning')!;
    expect(warning).toBeDefined();
    const justify = (text: string, expectedRevision: number) =>
      act(
        wj,
        'bureauA1',
        'justifyFinding',
        { submissionId: s.id, expectedRevision, findingKey: warning.key, text },
        'JustifyFindingInput',
      );
    // two writers read the same revision; the first wins and gets a new revision back
    const first = await justify('第一位填报人的说明', revision);
    expect(codeOf(first)).toBe('OK');
    expect(first.data!.justifyFinding!.revision).toBeGreaterThan(revision);
    const second = await justify('第二位填报人的说明', revision);
    expect(codeOf(second)).toBe('CONFLICT');
    const after = await gqlOk<Detail>(app, DETAIL, { id: s.id }, wj.cookie.bureauA1).then(
      (x) => x.submission,
    );
    expect(after.revision).toBe(first.data!.justifyFinding!.revision);
    expect(after.currentVersion.findings.find((f) => f.key === warning.key)!.justification).toBe(
      '第一位填报人的说明',
    );
    expect(after.auditEvents.filter((e) => e.action === 'submission.justify')).toHaveLength(1);
    // the loser reloads and writes on top, with the new revision
    const retry = await justify('第二位填报人的说明', after.revision);
    expect(codeOf(retry)).toBe('OK');
    expect(retry.data!.justifyFinding!.revision).toBeGreaterThan(after.revision);
  });

  it('bulk-approves all or nothing', async () => {
    const w2 = await buildWorld(app);
    const a = await submitted(w2, 'bureauA1', w2.org.deptA1.id, '甲县科学技术局', 51);
    const b = await submitted(w2, 'bureauA2', w2.org.deptA2.id, '甲县教育局', 52);
    const c = await start(w2, 'bureauB1', w2.org.deptB1.id);
    const before = await databaseDigest(app);
    const mixed = await act(
      w2,
      'reviewer',
      'bulkApprove',
      {
        items: [
          { submissionId: a.id, expectedRevision: a.revision },
          { submissionId: c.id, expectedRevision: c.revision },
          { submissionId: b.id, expectedRevision: b.revision },
        ],
      },
      'BulkApproveInput',
    );
    expect(codeOf(mixed)).toBe('CONFLICT');
    expect(await databaseDigest(app)).toEqual(before);
    const ok = await w2.app.graphql<{ bulkApprove: { status: string }[] }>(
      `mutation($i: BulkApproveInput!) { bulkApprove(input: $i) { status } }`,
      {
        i: {
          items: [
            { submissionId: a.id, expectedRevision: a.revision },
            { submissionId: b.id, expectedRevision: b.revision },
          ],
        },
      },
      w2.cookie.reviewer,
    );
    expect(ok.data!.bulkApprove.map((s) => s.status)).toEqual(['APPROVED', 'APPROVED']);
  });
});
