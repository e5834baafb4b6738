import { withCellDelta } from '@gongkai/report-model/testing';
import { createTestApp, type TestApp } from './test-app';
import {
  act,
  buildWorld,
  clone,
  codeOf,
  databaseDigest,
  gqlOk,
  makeReport,
  saveDraft,
  signIn,
  start,
  submitted,
  type World,
} from './support/world';

const DETAIL = `query($id: ID!) { submission(id: $id) {
  id status revision versionCount returnCount reopenCount changesAfterApproval
  versions { id number source contentHash report }
  currentVersion { id previousYearVersionId findings { key rule severity cells justification } }
  comments { cell body versionId }
  auditEvents { action fromStatus toStatus reason }
} }`;

type Detail = {
  submission: {
    id: string;
    status: string;
    revision: number;
    versionCount: number;
    returnCount: number;
    reopenCount: number;
    changesAfterApproval: number;
    versions: {
      id: string;
      number: number;
      source: string;
      contentHash: string;
      report: { tables: { applications: { newReceived: { natural: number } } } };
    }[];
    currentVersion: {
      id: string;
      previousYearVersionId: string | null;
      findings: {
        key: string;
        rule: string;
        severity: string;
        cells: string[];
        justification: string | null;
      }[];
    };
    comments: { cell: string | null; body: string; versionId: string }[];
    auditEvents: {
      action: string;
      fromStatus: string | null;
      toStatus: string | null;
      reason: string | null;
    }[];
  };
};

describe('submission workflow', () => {
  let app: TestApp;
  let w: World;
  beforeAll(async () => {
    app = await createTestApp();
    w = await buildWorld(app);
  });
  afterAll(() => app.close());

  const detail = (id: string, who: keyof World['cookie'] = 'reviewer') =>
    gqlOk<Detail>(app, DETAIL, { id }, w.cookie[who]).then((d) => d.submission);

  it('walks draft → submitted → returned → resubmitted → approved → published, with comments, counters and audit events', async () => {
    const s = await submitted(w, 'bureauA1', w.org.deptA1.id, '甲县科学技术局', 11);
    expect(s.status).toBe('SUBMITTED');
    const returned = await act(
      w,
      'reviewer',
      'returnSubmission',
      {
        submissionId: s.id,
        expectedRevision: s.revision,
        reason: '第三部分数字有误',
        comments: [
          { cell: 'applications.newReceived.natural', body: '与正文不符' },
          { cell: 'sections.problems', body: '问题部分过于笼统' },
        ],
      },
      'ReturnSubmissionInput',
    );
    expect(codeOf(returned)).toBe('OK');
    expect(returned.data!.returnSubmission!.status).toBe('RETURNED');
    expect(returned.data!.returnSubmission!.returnCount).toBe(1);

    const fixed = clone(makeReport(11, 2023, '甲县科学技术局'));
    fixed.sections.problems = '一是队伍建设有待加强，二是解读形式较为单一。下一步将加强培训。';
    const saved = await saveDraft(
      w,
      'bureauA1',
      s.id,
      returned.data!.returnSubmission!.revision,
      fixed,
    );
    expect(codeOf(saved)).toBe('OK');
    const resubmitted = await act(
      w,
      'bureauA1',
      'submitSubmission',
      {
        submissionId: s.id,
        expectedRevision: saved.data!.saveDraft.revision,
        reply: '已改写问题部分',
      },
      'SubmitInput',
    );
    expect(resubmitted.data!.submitSubmission!.status).toBe('RESUBMITTED');
    const approved = await act(w, 'reviewer', 'approveSubmission', {
      submissionId: s.id,
      expectedRevision: resubmitted.data!.submitSubmission!.revision,
    });
    expect(approved.data!.approveSubmission!.status).toBe('APPROVED');
    const published = await act(w, 'bureauA1', 'publishSubmission', {
      submissionId: s.id,
      expectedRevision: approved.data!.approveSubmission!.revision,
    });
    expect(published.data!.publishSubmission!.status).toBe('PUBLISHED');

    const d = await detail(s.id, 'bureauA1');
    expect(d.versionCount).toBe(2);
    expect(d.comments.map((c) => c.cell)).toEqual([
      'applications.newReceived.natural',
      'sections.problems',
    ]);
    expect(d.comments[0]!.versionId).toBe(d.versions[0]!.id);
    expect(
      d.auditEvents.map((e) => `${e.action}:${e.fromStatus ?? ''}>${e.toStatus ?? ''}`),
    ).toEqual([
      'submission.start:>DRAFT',
      'submission.save:>',
      'submission.submit:DRAFT>SUBMITTED',
      'submission.return:SUBMITTED>RETURNED',
      'submission.save:>',
      'submission.submit:RETURNED>RESUBMITTED',
      'submission.approve:RESUBMITTED>APPROVED',
      'submission.publish:APPROVED>PUBLISHED',
    ]);
    expect(d.auditEvents[3]!.reason).toBe('第三部分数字有误');

    // reopen with a reason: back to RETURNED; a new version counts as a change after approval
    const reopened = await act(
      w,
      'reviewer',
      'reopenSubmission',
      { submissionId: s.id, expectedRevision: d.revision, reason: '发现漏报一件申请' },
      'ReopenSubmissionInput',
    );
    expect(reopened.data!.reopenSubmission!.status).toBe('RETURNED');
    expect(reopened.data!.reopenSubmission!.reopenCount).toBe(1);
    const again = await saveDraft(
      w,
      'bureauA1',
      s.id,
      reopened.data!.reopenSubmission!.revision,
      withCellDelta(makeReport(11, 2023, '甲县科学技术局'), 'article20.licensing.decisions', 1),
    );
    expect(again.data!.saveDraft.changesAfterApproval).toBe(1);
  });

  it('rejects every illegal transition with CONFLICT and every wrong role with FORBIDDEN', async () => {
    const draft = await start(w, 'bureauA2', w.org.deptA2.id);
    const saved = await saveDraft(
      w,
      'bureauA2',
      draft.id,
      draft.revision,
      makeReport(12, 2023, '甲县教育局'),
    );
    const rev = saved.data!.saveDraft.revision;
    const before = await databaseDigest(app);
    const decision = { submissionId: draft.id, expectedRevision: rev };
    expect(codeOf(await act(w, 'reviewer', 'approveSubmission', decision))).toBe('CONFLICT');
    expect(
      codeOf(
        await act(
          w,
          'reviewer',
          'returnSubmission',
          { ...decision, reason: 'x' },
          'ReturnSubmissionInput',
        ),
      ),
    ).toBe('CONFLICT');
    expect(
      codeOf(
        await act(
          w,
          'reviewer',
          'reopenSubmission',
          { ...decision, reason: 'x' },
          'ReopenSubmissionInput',
        ),
      ),
    ).toBe('CONFLICT');
    expect(codeOf(await act(w, 'bureauA2', 'publishSubmission', decision))).toBe('CONFLICT');
    expect(codeOf(await act(w, 'bureauA2', 'approveSubmission', decision))).toBe('FORBIDDEN');
    expect(codeOf(await act(w, 'reviewer', 'submitSubmission', decision, 'SubmitInput'))).toBe(
      'FORBIDDEN',
    );
    expect(
      codeOf(
        await act(
          w,
          'supervisor',
          'returnSubmission',
          { ...decision, reason: 'x' },
          'ReturnSubmissionInput',
        ),
      ),
    ).toBe('FORBIDDEN');
    // a reviewer of another county cannot even see it
    const other = await act(w, 'reviewerA', 'approveSubmission', decision);
    expect(codeOf(other)).toBe('CONFLICT'); // county A's reviewer is in scope: state is the problem
    expect(await databaseDigest(app)).toEqual(before);

    const sub = await act(w, 'bureauA2', 'submitSubmission', decision, 'SubmitInput');
    const r2 = sub.data!.submitSubmission!.revision;
    const after = await databaseDigest(app);
    expect(
      codeOf(
        await act(
          w,
          'bureauA2',
          'submitSubmission',
          { submissionId: draft.id, expectedRevision: r2 },
          'SubmitInput',
        ),
      ),
    ).toBe('CONFLICT');
    expect(
      codeOf(await saveDraft(w, 'bureauA2', draft.id, r2, makeReport(13, 2023, '甲县教育局'))),
    ).toBe('CONFLICT');
    expect(
      codeOf(
        await act(w, 'bureauA2', 'publishSubmission', {
          submissionId: draft.id,
          expectedRevision: r2,
        }),
      ),
    ).toBe('CONFLICT');
    expect(
      codeOf(
        await act(
          w,
          'reviewer',
          'reopenSubmission',
          { submissionId: draft.id, expectedRevision: r2, reason: 'x' },
          'ReopenSubmissionInput',
        ),
      ),
    ).toBe('CONFLICT');
    expect(
      codeOf(
        await act(
          w,
          'reviewer',
          'returnSubmission',
          { submissionId: draft.id, expectedRevision: r2, reason: '  ' },
          'ReturnSubmissionInput',
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(await databaseDigest(app)).toEqual(after);
  });

  it('keeps versions immutable: new saves add versions, the database refuses to change one', async () => {
    const s = await start(w, 'bureauB1', w.org.deptB1.id);
    const v1 = makeReport(21, 2023, '乙县科学技术局');
    const first = await saveDraft(w, 'bureauB1', s.id, s.revision, v1);
    const second = await saveDraft(
      w,
      'bureauB1',
      s.id,
      first.data!.saveDraft.revision,
      withCellDelta(v1, 'applications.newReceived.natural', 1),
    );
    expect(second.data!.saveDraft.versionCount).toBe(2);
    const d = await detail(s.id, 'bureauB1');
    expect(d.versions[0]!.report.tables.applications.newReceived.natural).toBe(
      v1.tables.applications!.newReceived!.natural,
    );
    expect(d.versions[1]!.report.tables.applications.newReceived.natural).toBe(
      (v1.tables.applications!.newReceived!.natural as number) + 1,
    );
    await expect(
      app.dataSource.query(`UPDATE submission_versions SET report = '{}'::jsonb WHERE id = $1`, [
        d.versions[0]!.id,
      ]),
    ).rejects.toThrow(/immutable/);
    await expect(
      app.dataSource.query(`DELETE FROM submission_versions WHERE id = $1`, [d.versions[0]!.id]),
    ).rejects.toThrow(/immutable/);
    await expect(app.dataSource.query(`DELETE FROM audit_events`)).rejects.toThrow(/immutable/);
    // an autosave of unchanged content writes nothing
    const same = await saveDraft(
      w,
      'bureauB1',
      s.id,
      second.data!.saveDraft.revision,
      withCellDelta(v1, 'applications.newReceived.natural', 1),
      true,
    );
    expect(same.data!.saveDraft.versionCount).toBe(2);
    // the diff names exactly the changed cell
    const diff = await gqlOk<{
      versionDiff: { changes: { path: string; before: number; after: number }[] };
    }>(
      app,
      `query($a: ID!, $b: ID!) { versionDiff(fromVersionId: $a, toVersionId: $b) { fromNumber toNumber changes { path before after } } }`,
      { a: d.versions[0]!.id, b: d.versions[1]!.id },
      w.cookie.bureauB1,
    );
    expect(diff.versionDiff.changes.map((c) => c.path)).toEqual([
      'applications.newReceived.natural',
    ]);
  });

  it('lets two editors race: one CONFLICT, nothing lost', async () => {
    const s = await start(w, 'bureauA1', w.org.deptA1.id, w.round2022.id);
    const secondSession = await signIn(
      app,
      (
        await gqlOk<{ me: { user: { username: string } } }>(
          app,
          '{ me { user { username } } }',
          {},
          w.cookie.bureauA1,
        )
      ).me.user.username,
    );
    const a = makeReport(31, 2022, '甲县科学技术局');
    const b = withCellDelta(a, 'article20.licensing.decisions', 5);
    const [ra, rb] = await Promise.all([
      saveDraft(w, 'bureauA1', s.id, s.revision, a),
      app.graphql<{ saveDraft: { revision: number } }>(
        `mutation($i: SaveDraftInput!) { saveDraft(input: $i) { revision } }`,
        { i: { submissionId: s.id, expectedRevision: s.revision, report: b } },
        secondSession,
      ),
    ]);
    const codes = [codeOf(ra), codeOf(rb)].sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const d = await detail(s.id, 'bureauA1');
    expect(d.versionCount).toBe(1);
    // the loser reloads and saves on top: both versions are kept
    const loser = codeOf(ra) === 'CONFLICT' ? a : b;
    const retry = await saveDraft(w, 'bureauA1', s.id, d.revision, loser);
    expect(codeOf(retry)).toBe('OK');
    expect((await detail(s.id, 'bureauA1')).versions.map((v) => v.number)).toEqual([1, 2]);
  });

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
