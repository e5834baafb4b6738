import type { EntityManager } from 'typeorm';
import type { SubmissionEntity } from '../submissions';
import { ReviewCommentEntity } from './review-comment.entity';

/**
 * The reviewer's cell comments of a return, on the returned (submitted) version, in the return's
 * transaction; `at` back-dates them with the return (the demo's history), else the database
 * clock. The caller has validated the comments.
 */
export async function writeReturnComments(
  manager: EntityManager,
  submission: Pick<SubmissionEntity, 'id' | 'submittedVersionId'>,
  returnId: string,
  authorId: string | null,
  comments: readonly { cell?: string | null; body: string }[],
  at?: Date | null,
): Promise<void> {
  if (comments.length === 0) return;
  await manager.insert(
    ReviewCommentEntity,
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
}
