import { cellPaths, getTemplate, type TemplateId } from '@gongkai/report-model';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { In, Repository } from 'typeorm';
import { type Actor, scopeCondition } from '../../common/actor';
import { badInput, badInputs, type FieldProblem } from '../../common/domain-error';
import { type Connection, type Page, toConnection } from '../../common/pagination';
import { Role } from '../../common/permissions';
import { isUuid } from '../../common/uuid';
import type { RequestLoaders } from '../../graphql/request-loaders';
import { RoundEntity } from '../rounds/round.entity';
import { SubmissionEntity, SubmissionStatus } from '../submissions/submission.entity';
import { WorkflowAction } from '../submissions/submission-workflow';
import { SubmissionsService } from '../submissions/submissions.service';
import { ReviewCommentEntity } from './review-comment.entity';

export type CommentInput = { cell?: string | null; body: string };
export type Decision = { submissionId: string; expectedRevision: number };

const MAX_COMMENTS = 200;
const FIELDS =
  /^(sections\.(overview|proactive|applications|reviewLitigation|problems|other)|staffing\.(leadingGroup|dedicatedStaff|partTimeStaff|trainings)|facts\.[A-Za-z]+|title|publishedOn|organization\.(name|region))$/;

/** The reviewing office's side of the workflow: queue, return with comments, approve, reopen. */
@Injectable()
export class ReviewService {
  constructor(
    private readonly submissions: SubmissionsService,
    @InjectRepository(ReviewCommentEntity)
    private readonly comments: Repository<ReviewCommentEntity>,
  ) {}

  /** Submitted and resubmitted reports in the actor's scope, oldest submission first. */
  async queue(
    actor: Actor,
    filter: { roundId?: string | null },
    page: Page,
  ): Promise<Connection<SubmissionEntity>> {
    const scope = scopeCondition(actor, 'o');
    const qb = this.comments.manager
      .createQueryBuilder(SubmissionEntity, 's')
      .innerJoin('organizations', 'o', 'o.id = s.organization_id')
      .where(scope.sql, scope.params)
      .andWhere('s.status IN (:...statuses)', {
        statuses: [SubmissionStatus.SUBMITTED, SubmissionStatus.RESUBMITTED],
      });
    // a reviewer does not review their own office's report
    if (actor.role === Role.REVIEWER) qb.andWhere('o.id <> :own', { own: actor.organizationId });
    if (filter.roundId) {
      if (!isUuid(filter.roundId)) throw badInput('roundId', 'not an id');
      qb.andWhere('s.round_id = :roundId', { roundId: filter.roundId });
    }
    const totalCount = await qb.clone().getCount();
    if (page.after)
      qb.andWhere('(s.last_submitted_at, s.id) > (:k::timestamptz, :id::uuid)', {
        k: page.after.k,
        id: page.after.id,
      });
    const rows = await qb
      .orderBy('s.last_submitted_at', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .limit(page.limit + 1)
      .getMany();
    return toConnection(
      rows,
      page,
      (s) => ({ k: s.lastSubmittedAt!.toISOString(), id: s.id }),
      totalCount,
    );
  }

  async returnSubmission(
    actor: Actor,
    input: Decision & { reason: string; comments?: CommentInput[] | null },
  ): Promise<SubmissionEntity> {
    const reason = input.reason.trim();
    if (!reason) throw badInput('input.reason', 'say why the report is returned');
    if (reason.length > 5000) throw badInput('input.reason', 'at most 5000 characters');
    const comments = input.comments ?? [];
    if (comments.length > MAX_COMMENTS)
      throw badInput('input.comments', `at most ${MAX_COMMENTS} comments`);
    return this.submissions.transition(
      actor,
      input.submissionId,
      input.expectedRevision,
      WorkflowAction.Return,
      reason,
      async (manager, submission) => {
        const round = await manager.findOneByOrFail(RoundEntity, { id: submission.roundId });
        const problems = validateComments(comments, round.template);
        if (problems.length > 0) throw badInputs(problems);
        if (comments.length > 0)
          await manager.insert(
            ReviewCommentEntity,
            comments.map((c) => ({
              submissionId: submission.id,
              versionId: submission.submittedVersionId!,
              cell: c.cell ?? null,
              body: c.body.trim(),
              authorId: actor.userId,
            })),
          );
        submission.returnCount += 1;
        return { comments: comments.length, version: submission.submittedVersionId };
      },
    );
  }

  approve(actor: Actor, input: Decision): Promise<SubmissionEntity> {
    return this.submissions.transition(
      actor,
      input.submissionId,
      input.expectedRevision,
      WorkflowAction.Approve,
      null,
      async (_m, submission) => {
        submission.approvedAt = new Date();
        return { version: submission.submittedVersionId };
      },
    );
  }

  /** Approves every listed submission in one transaction, or none of them. */
  bulkApprove(actor: Actor, items: Decision[]): Promise<SubmissionEntity[]> {
    if (items.length === 0) throw badInput('input.items', 'nothing to approve');
    if (items.length > 200) throw badInput('input.items', 'at most 200 at a time');
    if (new Set(items.map((i) => i.submissionId)).size !== items.length)
      throw badInput('input.items', 'a submission is listed twice');
    return this.submissions.inTransaction(async (manager) => {
      const out: SubmissionEntity[] = [];
      for (const item of items)
        out.push(
          await this.submissions.transition(
            actor,
            item.submissionId,
            item.expectedRevision,
            WorkflowAction.Approve,
            null,
            async (_m, submission) => {
              submission.approvedAt = new Date();
              return { version: submission.submittedVersionId, bulk: true };
            },
            manager,
          ),
        );
      return out;
    });
  }

  reopen(actor: Actor, input: Decision & { reason: string }): Promise<SubmissionEntity> {
    const reason = input.reason.trim();
    if (!reason) throw badInput('input.reason', 'say why the approved report is reopened');
    if (reason.length > 5000) throw badInput('input.reason', 'at most 5000 characters');
    return this.submissions.transition(
      actor,
      input.submissionId,
      input.expectedRevision,
      WorkflowAction.Reopen,
      reason,
      async (_m, submission) => {
        submission.reopenCount += 1;
        submission.publishedAt = null;
        return {};
      },
    );
  }

  publish(actor: Actor, input: Decision): Promise<SubmissionEntity> {
    return this.submissions.transition(
      actor,
      input.submissionId,
      input.expectedRevision,
      WorkflowAction.Publish,
      null,
      async (_m, submission) => {
        submission.publishedAt = new Date();
        return {};
      },
    );
  }

  commentsLoader(loaders: RequestLoaders): DataLoader<string, ReviewCommentEntity[]> {
    return loaders.get(
      'review.comments',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.comments.find({
            where: { submissionId: In([...ids]) },
            order: { createdAt: 'ASC' },
          });
          return ids.map((id) => rows.filter((r) => r.submissionId === id));
        }),
    );
  }
}

function validateComments(comments: CommentInput[], template: TemplateId): FieldProblem[] {
  const cells = new Set(cellPaths(template));
  const problems: FieldProblem[] = [];
  comments.forEach((c, i) => {
    if (!c.body?.trim())
      problems.push({ field: `input.comments[${i}].body`, message: 'empty comment' });
    else if (c.body.length > 5000)
      problems.push({ field: `input.comments[${i}].body`, message: 'at most 5000 characters' });
    if (c.cell && !cells.has(c.cell) && !FIELDS.test(c.cell))
      problems.push({
        field: `input.comments[${i}].cell`,
        message: `${c.cell} is not a cell of the ${getTemplate(template).id} template or a report field`,
      });
  });
  return problems;
}
