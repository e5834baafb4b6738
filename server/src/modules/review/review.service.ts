import { cellPaths, getTemplate, type TemplateId } from '@gongkai/report-model';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { Repository } from 'typeorm';
import type { Actor } from '../../common/actor';
import {
  badInput,
  badInputs,
  conflict,
  type FieldProblem,
  forbidden,
  notFound,
} from '../../common/domain-error';
import { Role } from '../../common/permissions';
import { isUuid } from '../../common/uuid';
import { selectEntities } from '../../database/row-entities';
import type { RequestLoaders } from '../../graphql/request-loaders';
import { roundLookups } from '../rounds';
import {
  ReturnKind,
  submissionCommands,
  submissionLookups,
  SubmissionStatus,
  SubmissionsService,
  WorkflowAction,
  type SubmissionRow,
  type NumberedReturnRow,
  type SubmissionReturnRow,
} from '../submissions';
import { AuditService } from '../audit';
import { ReviewCommentEntity } from './review-comment.entity';
import { writeReturnComments } from './review-comments.writer';
import { CommentResolution } from './review.model';

export type CommentInput = { cell?: string | null; body: string };
export type Decision = { submissionId: string; expectedRevision: number };

const MAX_COMMENTS = 200;
const MAX_TEXT = 5000;
const FIELDS =
  /^(sections\.(overview|proactive|applications|reviewLitigation|problems|other)|staffing\.(leadingGroup|dedicatedStaff|partTimeStaff|trainings)|facts\.[A-Za-z]+|title|publishedOn|organization\.(name|region))$/;

/** The reviewing office's side of the workflow: queue, return with comments, approve, reopen. */
@Injectable()
export class ReviewService {
  constructor(
    private readonly submissions: SubmissionsService,
    @InjectRepository(ReviewCommentEntity)
    private readonly comments: Repository<ReviewCommentEntity>,
    private readonly audit: AuditService,
  ) {}

  async returnSubmission(
    actor: Actor,
    input: Decision & { reason: string; comments?: CommentInput[] | null },
  ): Promise<SubmissionRow> {
    const reason = input.reason.trim();
    if (!reason)
      throw badInput('input.reason', 'say why the report is returned', {
        key: 'review.reasonRequired',
      });
    if (reason.length > MAX_TEXT)
      throw badInput('input.reason', `at most ${MAX_TEXT} characters`, {
        key: 'review.reasonTooLong',
        params: { max: MAX_TEXT },
      });
    const comments = input.comments ?? [];
    if (comments.length > MAX_COMMENTS)
      throw badInput('input.comments', `at most ${MAX_COMMENTS} comments`, {
        key: 'review.tooManyComments',
        params: { max: MAX_COMMENTS },
      });
    return this.submissions.transition(
      actor,
      input.submissionId,
      input.expectedRevision,
      WorkflowAction.Return,
      reason,
      async (manager, submission) => {
        const round = await roundLookups.byIdOrFail(manager, submission.roundId);
        const problems = validateComments(comments, round.template);
        if (problems.length > 0) throw badInputs(problems);
        const context = this.submissions.commandContext(manager, actor);
        const thread = await submissionCommands.addReturn(context, submission, {
          kind: ReturnKind.RETURN,
          reason,
        });
        await writeReturnComments(manager, submission, thread.id, actor.userId, comments);
        return {
          comments: comments.length,
          version: submission.submittedVersionId,
          returnId: thread.id,
        };
      },
    );
  }

  approve(actor: Actor, input: Decision): Promise<SubmissionRow> {
    return this.submissions.transition(
      actor,
      input.submissionId,
      input.expectedRevision,
      WorkflowAction.Approve,
      null,
      async (_m, submission) => ({ version: submission.submittedVersionId }),
    );
  }

  /** Approves every listed submission in one transaction, or none of them. */
  bulkApprove(actor: Actor, items: Decision[]): Promise<SubmissionRow[]> {
    if (items.length === 0)
      throw badInput('input.items', 'nothing to approve', { key: 'review.bulkEmpty' });
    if (items.length > 200)
      throw badInput('input.items', 'at most 200 at a time', {
        key: 'review.bulkTooMany',
        params: { max: 200 },
      });
    if (new Set(items.map((i) => i.submissionId)).size !== items.length)
      throw badInput('input.items', 'a submission is listed twice', {
        key: 'review.bulkDuplicate',
      });
    return this.submissions.inTransaction(async (manager) => {
      const out: SubmissionRow[] = [];
      for (const item of items)
        out.push(
          await this.submissions.transition(
            actor,
            item.submissionId,
            item.expectedRevision,
            WorkflowAction.Approve,
            null,
            async (_m, submission) => ({ version: submission.submittedVersionId, bulk: true }),
            manager,
          ),
        );
      return out;
    });
  }

  reopen(actor: Actor, input: Decision & { reason: string }): Promise<SubmissionRow> {
    const reason = input.reason.trim();
    if (!reason)
      throw badInput('input.reason', 'say why the approved report is reopened', {
        key: 'review.reopenReasonRequired',
      });
    if (reason.length > MAX_TEXT)
      throw badInput('input.reason', `at most ${MAX_TEXT} characters`, {
        key: 'review.reasonTooLong',
        params: { max: MAX_TEXT },
      });
    return this.submissions.transition(
      actor,
      input.submissionId,
      input.expectedRevision,
      WorkflowAction.Reopen,
      reason,
      async (manager, submission) => {
        const thread = await submissionCommands.addReturn(
          this.submissions.commandContext(manager, actor),
          submission,
          { kind: ReturnKind.REOPEN, reason },
        );
        return { version: submission.submittedVersionId, returnId: thread.id };
      },
    );
  }

  publish(actor: Actor, input: Decision): Promise<SubmissionRow> {
    return this.submissions.transition(
      actor,
      input.submissionId,
      input.expectedRevision,
      WorkflowAction.Publish,
      null,
      async () => ({}),
    );
  }

  /**
   * The review thread of submissions (their parents are access-checked): every return and reopen,
   * oldest first, with its comments marked resolved or open, and all comments of the submission.
   * Four queries for any number of submissions.
   */
  threadLoader(loaders: RequestLoaders): DataLoader<SubmissionRow, Thread> {
    return loaders.get(
      'review.thread',
      () =>
        new DataLoader(
          async (subs: readonly SubmissionRow[]) => {
            const ids = subs.map((s) => s.id);
            const manager = this.comments.manager;
            const [returns, comments] = await Promise.all([
              // with the numbers of the versions each return names, in the same statement
              submissionLookups.returnsOf(manager, ids),
              selectEntities(
                this.comments.manager.connection,
                ReviewCommentEntity,
                'c',
                'WHERE c.submission_id = ANY($1::uuid[]) ORDER BY c.created_at ASC',
                [ids],
              ),
            ]);
            const bySub = new Map(subs.map((s) => [s.id, s]));
            // a comment counts as changed against the resubmitted version, or, while the return
            // is open, against the latest saved one
            const target = (r: SubmissionReturnRow) =>
              r.resubmittedVersionId ??
              (r.repliedAt ? null : bySub.get(r.submissionId)?.currentVersionId) ??
              null;
            const pairs = returns.flatMap((r) => {
              const to = target(r);
              return r.returnedVersionId && to && to !== r.returnedVersionId
                ? [[r.returnedVersionId, to] as const]
                : [];
            });
            const changed = await this.submissions.changedPaths(pairs);
            const returnById = new Map(returns.map((r) => [r.id, r]));
            const toComment = (c: ReviewCommentEntity): ThreadComment => {
              const r = c.returnId ? returnById.get(c.returnId) : undefined;
              const to = r ? target(r) : null;
              const cellChanged =
                !!c.cell &&
                !!r?.returnedVersionId &&
                !!to &&
                (changed.get(`${r.returnedVersionId}>${to}`)?.has(c.cell) ?? false);
              return {
                ...c,
                resolution: c.resolvedAt
                  ? CommentResolution.MARKED
                  : cellChanged
                    ? CommentResolution.CHANGED
                    : null,
              };
            };
            const all = comments.map(toComment);
            return subs.map((s) => ({
              comments: all.filter((c) => c.submissionId === s.id),
              returns: returns
                .filter((r) => r.submissionId === s.id)
                .map((r) => ({ ...r, comments: all.filter((c) => c.returnId === r.id) })),
            }));
          },
          { cacheKeyFn: (s) => s.id },
        ),
    );
  }

  /**
   * The bureau marks a comment of the open return as dealt with (or opens it again), while the
   * report is returned. Audited; the submission's revision goes up.
   */
  async resolveComment(
    actor: Actor,
    input: { commentId: string; resolved: boolean },
  ): Promise<SubmissionRow> {
    if (!isUuid(input.commentId)) throw notFound('comment', { key: 'review.commentNotFound' });
    return this.submissions.inTransaction(async (manager) => {
      const comment = await manager.findOne(ReviewCommentEntity, {
        where: { id: input.commentId },
      });
      const submission = comment
        ? (await this.submissions.visible(actor, [comment.submissionId], manager)).get(
            comment.submissionId,
          )
        : undefined;
      if (!comment || !submission) throw notFound('comment', { key: 'review.commentNotFound' });
      if (
        actor.role !== Role.ADMIN &&
        !(actor.role === Role.BUREAU && actor.organizationId === submission.organizationId)
      )
        throw forbidden('only the reporting body marks comments as dealt with', {
          key: 'review.resolveForbidden',
        });
      if (submission.status !== SubmissionStatus.RETURNED)
        throw conflict('comments can be marked only while the report is returned', {
          key: 'review.resolveNotReturned',
        });
      const open = await submissionLookups.openReturn(manager, submission.id);
      if (!open || comment.returnId !== open.id)
        throw conflict('the comment belongs to an earlier return', {
          key: 'review.commentNotOpen',
        });
      if (!!comment.resolvedAt === input.resolved) return submission;
      await manager.update(
        ReviewCommentEntity,
        { id: comment.id },
        input.resolved
          ? { resolvedAt: new Date(), resolvedById: actor.userId }
          : { resolvedAt: null, resolvedById: null },
      );
      const touched = await submissionCommands.touch(
        this.submissions.commandContext(manager, actor),
        submission.id,
      );
      await this.audit.record(manager, actor, {
        organizationId: submission.organizationId,
        submissionId: submission.id,
        roundId: submission.roundId,
        action: input.resolved ? 'submission.commentResolve' : 'submission.commentReopen',
        data: { comment: comment.id, cell: comment.cell },
      });
      return touched;
    });
  }
}

export type ThreadComment = ReviewCommentEntity & { resolution: CommentResolution | null };
export type ThreadReturn = NumberedReturnRow & { comments: ThreadComment[] };
export type Thread = { comments: ThreadComment[]; returns: ThreadReturn[] };

function validateComments(comments: CommentInput[], template: TemplateId): FieldProblem[] {
  const cells = new Set(cellPaths(template));
  const problems: FieldProblem[] = [];
  comments.forEach((c, i) => {
    if (!c.body?.trim())
      problems.push({
        field: `input.comments[${i}].body`,
        message: 'empty comment',
        reason: { key: 'review.commentEmpty', params: { n: i + 1 } },
      });
    else if (c.body.length > MAX_TEXT)
      problems.push({
        field: `input.comments[${i}].body`,
        message: `at most ${MAX_TEXT} characters`,
        reason: { key: 'review.commentTooLong', params: { n: i + 1, max: MAX_TEXT } },
      });
    if (c.cell && !cells.has(c.cell) && !FIELDS.test(c.cell))
      problems.push({
        field: `input.comments[${i}].cell`,
        message: `${c.cell} is not a cell of the ${getTemplate(template).id} template or a report field`,
        reason: { key: 'review.commentCellUnknown', params: { n: i + 1 } },
      });
  });
  return problems;
}
