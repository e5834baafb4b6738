import { randomUUID } from 'node:crypto';
import { In, IsNull } from 'typeorm';
import { listManager } from '../audit';
import { type ContextItem, nowOf } from './submission-command-lists';
import {
  type ReturnKind,
  SubmissionReturnEntity,
  type SubmissionReturnRow,
} from './submission-return.entity';
import type { SubmissionRow } from './submission.entity';

// The list forms of the review thread's commands (see `submission-command-lists.ts`).

/**
 * Opens turns of the review threads (returns or reopens of the submitted versions): one INSERT,
 * written by the return's or reopen's step, in its transaction.
 */
export async function addReturns(
  items: readonly (ContextItem & {
    submission: SubmissionRow;
    input: { kind: ReturnKind; reason: string };
  })[],
): Promise<SubmissionReturnRow[]> {
  if (items.length === 0) return [];
  const manager = listManager(items);
  const turns = items.map(({ context, submission, input }) =>
    manager.create(SubmissionReturnEntity, {
      id: randomUUID(),
      submissionId: submission.id,
      kind: input.kind,
      reason: input.reason,
      returnedVersionId: submission.submittedVersionId,
      reviewerId: context.actorId,
      ...(context.at ? { createdAt: context.at } : {}),
      reply: null,
      repliedById: null,
      repliedAt: null,
      resubmittedVersionId: null,
    }),
  );
  await manager.insert(SubmissionReturnEntity, turns);
  return turns;
}

/**
 * The bureaus' answers to their open returns, written by the resubmits: each reply and the
 * version it resubmits, in one SELECT and one UPDATE. Returns each answered turn (null when none
 * was open, as for a second item of the same submission).
 */
export async function answerReturns(
  items: readonly (ContextItem & {
    submission: SubmissionRow;
    input: { reply: string | null; versionId: string };
  })[],
): Promise<(SubmissionReturnRow | null)[]> {
  if (items.length === 0) return [];
  const manager = listManager(items);
  const open = await manager.find(SubmissionReturnEntity, {
    where: {
      submissionId: In([...new Set(items.map((i) => i.submission.id))]),
      repliedAt: IsNull(),
    },
    order: { createdAt: 'DESC' },
  });
  const latest = new Map<string, SubmissionReturnEntity>();
  for (const turn of open) if (!latest.has(turn.submissionId)) latest.set(turn.submissionId, turn);
  const answered = items.map(({ context, submission, input }) => {
    const turn = latest.get(submission.id);
    if (!turn) return null;
    latest.delete(submission.id);
    turn.reply = input.reply;
    turn.repliedById = context.actorId;
    turn.repliedAt = nowOf(context);
    turn.resubmittedVersionId = input.versionId;
    return turn;
  });
  const written = answered.filter((t): t is SubmissionReturnEntity => t !== null);
  if (written.length > 0)
    await manager.query(
      `UPDATE submission_returns r
          SET reply = u.reply, replied_by_id = u.replied_by, replied_at = u.replied_at,
              resubmitted_version_id = u.version_id
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::timestamptz[], $5::uuid[])
              AS u(id, reply, replied_by, replied_at, version_id)
        WHERE r.id = u.id`,
      [
        written.map((t) => t.id),
        written.map((t) => t.reply),
        written.map((t) => t.repliedById),
        written.map((t) => t.repliedAt),
        written.map((t) => t.resubmittedVersionId),
      ],
    );
  return answered;
}
