import { ReviewService } from '../src/modules/review/review.service';
import { type TestApp } from './test-app';
import {
  act,
  clone,
  codeOf,
  databaseDigest,
  gqlOk,
  makeReport,
  saveDraft,
  submitted,
  type GqlResult,
  type World,
} from './support/world';
import { reasonOf } from './support/responses';
import { submittedDraft, THREAD, type Thread } from './support/review-thread';
import { useWorld } from './support/suite';

describe(ReviewService.name, () => {
  let app: TestApp;
  let w: World;
  useWorld((booted, world) => {
    app = booted;
    w = world;
  });

  const thread = (id: string, who: keyof World['cookie'] = 'bureauA1') =>
    gqlOk<Thread>(app, THREAD, { id }, w.cookie[who]).then((d) => d.submission);
  const resolve = (who: keyof World['cookie'], commentId: string, resolved = true) =>
    app.graphql<{ resolveReviewComment: { revision: number } }>(
      'mutation($i: ResolveReviewCommentInput!) { resolveReviewComment(input: $i) { revision } }',
      { i: { commentId, resolved } },
      w.cookie[who],
    );

  it('keeps a thread per return: reason, comments resolved or open, the reply, the diff since the return, and a reopen', async () => {
    const s = await submitted(w, 'bureauA1', w.org.deptA1.id, '甲县科学技术局', 31);
    const returned = await act(
      w,
      'reviewer',
      'returnSubmission',
      {
        submissionId: s.id,
        expectedRevision: s.revision,
        reason: '培训次数与正文不符',
        comments: [
          { cell: 'staffing.trainings', body: '培训次数请核对' },
          { cell: 'applications.newReceived.natural', body: '请说明增幅' },
          { cell: null, body: '整体请再校对一遍' },
        ],
      },
      'ReturnSubmissionInput',
    );
    expect(codeOf(returned)).toBe('OK');

    // the bureau sees who returned it, why, which version, and every comment open
    let t = await thread(s.id);
    expect(t.status).toBe('RETURNED');
    expect(t.returns).toHaveLength(1);
    const [turn] = t.returns;
    expect(turn).toMatchObject({
      kind: 'RETURN',
      reason: '培训次数与正文不符',
      reviewerName: expect.stringMatching(/\S/),
      returnedVersionId: s.submittedVersionId,
      returnedVersionNumber: 1,
      reply: null,
      resubmittedVersionId: null,
    });
    expect(turn!.comments.map((c) => [c.cell, c.resolution])).toEqual([
      ['staffing.trainings', null],
      ['applications.newReceived.natural', null],
      [null, null],
    ]);

    // a saved change of the commented field resolves that comment; the others stay open
    const fixed = clone(makeReport(31, 2023, '甲县科学技术局'));
    const staffing = fixed.staffing!;
    fixed.staffing = { ...staffing, trainings: (staffing.trainings ?? 0) + 2 };
    const saved = await saveDraft(w, 'bureauA1', s.id, t.revision, fixed);
    expect(codeOf(saved)).toBe('OK');
    t = await thread(s.id);
    expect(t.returns[0]!.comments.map((c) => c.resolution)).toEqual(['CHANGED', null, null]);

    // the bureau marks the table comment as dealt with (audited, revision goes up)
    const cellComment = t.returns[0]!.comments[1]!;
    const marked = await resolve('bureauA1', cellComment.id);
    expect(codeOf(marked)).toBe('OK');
    expect(marked.data!.resolveReviewComment.revision).toBeGreaterThan(t.revision);
    t = await thread(s.id);
    expect(t.returns[0]!.comments.map((c) => c.resolution)).toEqual(['CHANGED', 'MARKED', null]);
    expect(t.comments.map((c) => c.resolution)).toEqual(['CHANGED', 'MARKED', null]);
    expect(t.auditEvents.at(-1)).toMatchObject({
      action: 'submission.commentResolve',
      data: { comment: cellComment.id, cell: 'applications.newReceived.natural' },
    });

    // resubmitting a returned report needs a reply; nothing changes without one
    const before = await databaseDigest(app);
    for (const reply of [undefined, '   ']) {
      const refused = await act(
        w,
        'bureauA1',
        'submitSubmission',
        { submissionId: s.id, expectedRevision: t.revision, ...(reply ? { reply } : {}) },
        'SubmitInput',
      );
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(reasonOf(refused)).toBe('submission.replyRequired');
      expect(refused.errors![0]!.extensions!.field).toBe('input.reply');
    }
    expect(await databaseDigest(app)).toEqual(before);

    const resubmitted = await act(
      w,
      'bureauA1',
      'submitSubmission',
      { submissionId: s.id, expectedRevision: t.revision, reply: ' 已核对培训次数并更正 ' },
      'SubmitInput',
    );
    expect(codeOf(resubmitted)).toBe('OK');
    expect(resubmitted.data!.submitSubmission!.status).toBe('RESUBMITTED');

    // the reviewer sees the reply, the resubmitted version, and the diff since the return
    t = await thread(s.id, 'reviewer');
    expect(t.returns[0]).toMatchObject({
      reply: '已核对培训次数并更正',
      repliedByName: expect.stringMatching(/\S/),
      resubmittedVersionId: t.submittedVersionId,
      resubmittedVersionNumber: 2,
    });
    expect(t.returns[0]!.repliedAt).not.toBeNull();
    expect(t.returns[0]!.comments.map((c) => c.resolution)).toEqual(['CHANGED', 'MARKED', null]);
    const diff = await gqlOk<{
      versionDiff: { fromNumber: number; toNumber: number; changes: { path: string }[] };
    }>(
      app,
      'query($a: ID!, $b: ID!) { versionDiff(fromVersionId: $a, toVersionId: $b) { fromNumber toNumber changes { path before after } } }',
      { a: t.returns[0]!.returnedVersionId, b: t.submittedVersionId },
      w.cookie.reviewer,
    );
    expect(diff.versionDiff.fromNumber).toBe(1);
    expect(diff.versionDiff.toNumber).toBe(2);
    expect(diff.versionDiff.changes.map((c) => c.path)).toEqual(['staffing.trainings']);
    const submitEvent = t.auditEvents.filter((e) => e.action === 'submission.submit').at(-1);
    expect(submitEvent).toMatchObject({
      fromStatus: 'RETURNED',
      toStatus: 'RESUBMITTED',
      reason: '已核对培训次数并更正',
      data: { version: 2, replyTo: t.returns[0]!.id },
    });

    // approve, then reopen with a reason: a second turn the bureau sees like a return
    const approved = await act(w, 'reviewer', 'approveSubmission', {
      submissionId: s.id,
      expectedRevision: t.revision,
    });
    expect(approved.data!.approveSubmission!.status).toBe('APPROVED');
    const rev = approved.data!.approveSubmission!.revision;
    const blank = await act(
      w,
      'reviewer',
      'reopenSubmission',
      { submissionId: s.id, expectedRevision: rev, reason: '  ' },
      'ReopenSubmissionInput',
    );
    expect(codeOf(blank)).toBe('BAD_USER_INPUT');
    expect(reasonOf(blank)).toBe('review.reopenReasonRequired');
    const reopened = await act(
      w,
      'reviewer',
      'reopenSubmission',
      { submissionId: s.id, expectedRevision: rev, reason: '发现漏报一件申请' },
      'ReopenSubmissionInput',
    );
    expect(reopened.data!.reopenSubmission!.status).toBe('RETURNED');
    t = await thread(s.id);
    expect(t.returns.map((r) => [r.kind, r.reason, r.reply])).toEqual([
      ['RETURN', '培训次数与正文不符', '已核对培训次数并更正'],
      ['REOPEN', '发现漏报一件申请', null],
    ]);
    expect(t.returns[1]!.returnedVersionNumber).toBe(2);
    expect(t.returns[1]!.comments).toEqual([]);
    const reopenEvent = t.auditEvents.at(-1)!;
    expect(reopenEvent).toMatchObject({
      action: 'submission.reopen',
      fromStatus: 'APPROVED',
      toStatus: 'RETURNED',
      reason: '发现漏报一件申请',
      data: { returnId: t.returns[1]!.id },
    });
    // a comment of the earlier, answered return cannot be toggled any more
    const stale = await resolve('bureauA1', t.returns[0]!.comments[2]!.id);
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(reasonOf(stale)).toBe('review.commentNotOpen');
    // resubmitting after the reopen answers the reopen
    const again = await act(
      w,
      'bureauA1',
      'submitSubmission',
      { submissionId: s.id, expectedRevision: t.revision, reply: '已补报' },
      'SubmitInput',
    );
    expect(again.data!.submitSubmission!.status).toBe('RESUBMITTED');
    t = await thread(s.id, 'reviewer');
    expect(t.returns[1]!.reply).toBe('已补报');
    expect(t.returns[1]!.resubmittedVersionNumber).toBe(2);
  });

  it('refuses wrong states, stale revisions, missing reasons and stray replies with reason keys', async () => {
    const s = await submitted(w, 'bureauA2', w.org.deptA2.id, '甲县教育局', 32);
    const before = await databaseDigest(app);
    const cases: [GqlResult<unknown>, string, string][] = [
      [
        await act(
          w,
          'reviewer',
          'returnSubmission',
          { submissionId: s.id, expectedRevision: s.revision, reason: ' ' },
          'ReturnSubmissionInput',
        ),
        'BAD_USER_INPUT',
        'review.reasonRequired',
      ],
      [
        await act(
          w,
          'reviewer',
          'returnSubmission',
          { submissionId: s.id, expectedRevision: s.revision, reason: 'x'.repeat(5001) },
          'ReturnSubmissionInput',
        ),
        'BAD_USER_INPUT',
        'review.reasonTooLong',
      ],
      [
        await act(
          w,
          'reviewer',
          'returnSubmission',
          {
            submissionId: s.id,
            expectedRevision: s.revision,
            reason: '退回',
            comments: [{ cell: 'no.such.cell', body: '?' }],
          },
          'ReturnSubmissionInput',
        ),
        'BAD_USER_INPUT',
        'review.commentCellUnknown',
      ],
      [
        await act(w, 'reviewer', 'approveSubmission', {
          submissionId: s.id,
          expectedRevision: s.revision - 1,
        }),
        'CONFLICT',
        'submission.stale',
      ],
      [
        await act(
          w,
          'reviewer',
          'reopenSubmission',
          { submissionId: s.id, expectedRevision: s.revision, reason: '重开' },
          'ReopenSubmissionInput',
        ),
        'CONFLICT',
        'workflow.cannot.reopen',
      ],
      [
        await act(w, 'bureauA2', 'publishSubmission', {
          submissionId: s.id,
          expectedRevision: s.revision,
        }),
        'CONFLICT',
        'workflow.cannot.publish',
      ],
    ];
    for (const [res, code, reason] of cases) {
      expect([codeOf(res), reasonOf(res)]).toEqual([code, reason]);
    }
    expect(await databaseDigest(app)).toEqual(before);

    // a reply on a first submission is refused: nothing was returned
    const d = await submittedDraft(w, 'bureauA2');
    const stray = await act(
      w,
      'bureauA2',
      'submitSubmission',
      { submissionId: d.id, expectedRevision: d.revision, reply: '答复' },
      'SubmitInput',
    );
    expect([codeOf(stray), reasonOf(stray)]).toEqual([
      'BAD_USER_INPUT',
      'submission.replyWithoutReturn',
    ]);

    // approving twice: the second is the wrong state
    const ok = await act(w, 'reviewer', 'approveSubmission', {
      submissionId: s.id,
      expectedRevision: s.revision,
    });
    const twice = await act(w, 'reviewer', 'approveSubmission', {
      submissionId: s.id,
      expectedRevision: ok.data!.approveSubmission!.revision,
    });
    expect([codeOf(twice), reasonOf(twice)]).toEqual(['CONFLICT', 'workflow.cannot.approve']);
  });

  it('keeps the thread inside scope: other bodies cannot read or mark it, reviewers cannot mark', async () => {
    const s = await submitted(w, 'bureauB1', w.org.deptB1.id, '乙县科学技术局', 33);
    await act(
      w,
      'reviewer',
      'returnSubmission',
      {
        submissionId: s.id,
        expectedRevision: s.revision,
        reason: '请补充',
        comments: [{ cell: 'sections.problems', body: '过于笼统' }],
      },
      'ReturnSubmissionInput',
    );
    const t = await thread(s.id, 'bureauB1');
    const comment = t.returns[0]!.comments[0]!;
    const outside = await app.graphql(THREAD, { id: s.id }, w.cookie.bureauA1);
    expect(codeOf(outside)).toBe('NOT_FOUND');
    expect(outside.data?.submission ?? null).toBeNull();
    const before = await databaseDigest(app);
    const byOther = await resolve('bureauA1', comment.id);
    expect([codeOf(byOther), reasonOf(byOther)]).toEqual(['NOT_FOUND', 'review.commentNotFound']);
    const byReviewerA = await resolve('reviewerA', comment.id);
    expect(codeOf(byReviewerA)).toBe('FORBIDDEN'); // holds no edit permission
    const byReviewer = await resolve('reviewer', comment.id);
    expect(codeOf(byReviewer)).toBe('FORBIDDEN');
    expect(await databaseDigest(app)).toEqual(before);
    const own = await resolve('bureauB1', comment.id);
    expect(codeOf(own)).toBe('OK');
    const reopened = await resolve('bureauB1', comment.id, false);
    expect(codeOf(reopened)).toBe('OK');
    expect((await thread(s.id, 'bureauB1')).returns[0]!.comments[0]!.resolution).toBeNull();
  });
});
