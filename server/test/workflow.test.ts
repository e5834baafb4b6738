import { withCellDelta } from '@gongkai/report-model/testing';
import { type TestApp } from './test-app';
import {
  act,
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
import { DETAIL, type Detail } from './support/workflow';
import { useWorld } from './support/suite';

describe('submission workflow', () => {
  let app: TestApp;
  let w: World;
  useWorld((booted, world) => {
    app = booted;
    w = world;
  });

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
});
