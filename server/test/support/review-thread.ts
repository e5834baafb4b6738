import { gqlOk, makeReport, saveDraft, type World } from './world';

/** The review thread of a submission as the review-cycle tests read it. */
export const THREAD = `query($id: ID!) { submission(id: $id) {
  id status revision submittedVersionId currentVersionId
  returns {
    id kind reason reviewerName createdAt returnedVersionId returnedVersionNumber
    reply repliedByName repliedAt resubmittedVersionId resubmittedVersionNumber
    comments { id cell body resolution resolvedAt returnId }
  }
  comments { id cell resolution }
  auditEvents { action fromStatus toStatus reason data }
} }`;

export type ThreadComment = {
  id: string;
  cell: string | null;
  body: string;
  resolution: 'CHANGED' | 'MARKED' | null;
  resolvedAt: string | null;
  returnId: string | null;
};
export type Thread = {
  submission: {
    id: string;
    status: string;
    revision: number;
    submittedVersionId: string | null;
    currentVersionId: string | null;
    returns: {
      id: string;
      kind: string;
      reason: string;
      reviewerName: string | null;
      createdAt: string;
      returnedVersionId: string | null;
      returnedVersionNumber: number | null;
      reply: string | null;
      repliedByName: string | null;
      repliedAt: string | null;
      resubmittedVersionId: string | null;
      resubmittedVersionNumber: number | null;
      comments: ThreadComment[];
    }[];
    comments: { id: string; cell: string | null; resolution: string | null }[];
    auditEvents: {
      action: string;
      fromStatus: string | null;
      toStatus: string | null;
      reason: string | null;
      data: Record<string, unknown> | null;
    }[];
  };
};

/** A fresh draft of deptA2 in the 2022 round, saved and ready to submit. */
export async function submittedDraft(w: World, who: 'bureauA2') {
  const s = await gqlOk<{ startSubmission: { id: string; revision: number } }>(
    w.app,
    'mutation($i: StartSubmissionInput!) { startSubmission(input: $i) { id revision } }',
    { i: { roundId: w.round2022.id, organizationId: w.org.deptA2.id } },
    w.cookie[who],
  );
  const saved = await saveDraft(
    w,
    who,
    s.startSubmission.id,
    s.startSubmission.revision,
    makeReport(34, 2022, '甲县教育局'),
  );
  if (saved.errors) throw new Error(JSON.stringify(saved.errors));
  return { id: s.startSubmission.id, revision: saved.data!.saveDraft.revision };
}
