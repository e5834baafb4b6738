import type { EntityManager } from 'typeorm';
import type { SubmissionRow } from '../submissions';
import { ReviewCommentEntity } from './review-comment.entity';

/** One return's cell comments, as `writeReturnComments` takes them. */
export type ReturnComments = {
  readonly submission: Pick<SubmissionRow, 'id' | 'submittedVersionId'>;
  readonly returnId: string;
  readonly authorId: string | null;
  readonly comments: readonly { cell?: string | null; body: string }[];
  readonly at?: Date | null;
};

/**
 * The reviewer's cell comments of a return, on the returned (submitted) version, in the return's
 * transaction; `at` back-dates them with the return (the demo's history), else the database
 * clock. The caller has validated the comments.
 */
export async function writeReturnComments(
  manager: EntityManager,
  submission: Pick<SubmissionRow, 'id' | 'submittedVersionId'>,
  returnId: string,
  authorId: string | null,
  comments: readonly { cell?: string | null; body: string }[],
  at?: Date | null,
): Promise<void> {
  await writeReturnCommentsOfMany(manager, [{ submission, returnId, authorId, comments, at }]);
}

/** The comments of many returns, one INSERT (`writeReturnComments` is the one-return case). */
export async function writeReturnCommentsOfMany(
  manager: EntityManager,
  returns: readonly ReturnComments[],
): Promise<void> {
  const rows = returns.flatMap(({ submission, returnId, authorId, comments, at }) =>
    comments.map((c) => ({
      submissionId: submission.id,
      versionId: submission.submittedVersionId!,
      cell: c.cell ?? null,
      body: c.body.trim(),
      authorId,
      returnId,
      ...(at ? { createdAt: at } : {}),
    })),
  );
  if (rows.length === 0) return;
  await manager.insert(ReviewCommentEntity, rows);
}
