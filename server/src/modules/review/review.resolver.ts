import { Args, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import {
  CurrentActor,
  FieldPermission,
  RequirePermission,
} from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import type { NoArgs } from '../../graphql/field-resolver';
import type { GraphqlContext } from '../../graphql/graphql.options';
import { AuditEvent, AuditService } from '../audit';
import { type SubmissionRow, Submission } from '../submissions';
import {
  BulkApproveInput,
  DecisionInput,
  ReopenSubmissionInput,
  ResolveReviewCommentInput,
  ReturnSubmissionInput,
  ReviewComment,
  SubmissionReturn,
} from './review.model';
import { ReviewService } from './review.service';
import DataLoader from 'dataloader';

@Resolver(() => Submission)
export class ReviewResolver {
  constructor(
    private readonly review: ReviewService,
    private readonly audit: AuditService,
  ) {}

  @Mutation(() => Submission, {
    description: 'Returns a report for correction, with comments on cells',
  })
  @RequirePermission(Permission.ReviewDecide)
  returnSubmission(
    @CurrentActor() actor: Actor,
    @Args('input') input: ReturnSubmissionInput,
  ): Promise<Submission> {
    return this.review.returnSubmission(actor, input);
  }

  @Mutation(() => Submission)
  @RequirePermission(Permission.ReviewDecide)
  approveSubmission(
    @CurrentActor() actor: Actor,
    @Args('input') input: DecisionInput,
  ): Promise<Submission> {
    return this.review.approve(actor, input);
  }

  @Mutation(() => [Submission], { description: 'Approves all listed submissions, or none' })
  @RequirePermission(Permission.ReviewDecide)
  bulkApprove(
    @CurrentActor() actor: Actor,
    @Args('input') input: BulkApproveInput,
  ): Promise<Submission[]> {
    return this.review.bulkApprove(actor, input.items);
  }

  @Mutation(() => Submission, {
    description: 'Reopens an approved or published report, with a reason',
  })
  @RequirePermission(Permission.ReviewDecide)
  reopenSubmission(
    @CurrentActor() actor: Actor,
    @Args('input') input: ReopenSubmissionInput,
  ): Promise<Submission> {
    return this.review.reopen(actor, input);
  }

  @Mutation(() => Submission, { description: 'Marks an approved report as published' })
  @RequirePermission(Permission.SubmissionPublish)
  publishSubmission(
    @CurrentActor() actor: Actor,
    @Args('input') input: DecisionInput,
  ): Promise<Submission> {
    return this.review.publish(actor, input);
  }

  @Mutation(() => Submission, {
    description:
      'The bureau marks a comment of the open return as dealt with, or opens it again (while returned)',
  })
  @RequirePermission(Permission.SubmissionEdit)
  resolveReviewComment(
    @CurrentActor() actor: Actor,
    @Args('input') input: ResolveReviewCommentInput,
  ): Promise<Submission> {
    return this.review.resolveComment(actor, input);
  }

  @ResolveField(() => [ReviewComment], {
    description: 'Every comment of every return, oldest first, marked resolved or open',
  })
  @FieldPermission(Permission.SubmissionRead)
  async comments(s: Submission, _args: NoArgs, ctx: GraphqlContext): Promise<ReviewComment[]> {
    return (await this.review.threadLoader(ctx.loaders).load(s as SubmissionRow)).comments;
  }

  @ResolveField(() => [SubmissionReturn], {
    description:
      "The review thread: each return or reopen with its reason and comments, and the bureau's reply, oldest first",
  })
  @FieldPermission(Permission.SubmissionRead)
  async returns(s: Submission, _args: NoArgs, ctx: GraphqlContext): Promise<SubmissionReturn[]> {
    return (await this.review.threadLoader(ctx.loaders).load(s as SubmissionRow)).returns;
  }

  @ResolveField(() => [AuditEvent], {
    description: 'Every recorded change of this submission, oldest first',
  })
  @FieldPermission(Permission.AuditRead)
  auditEvents(s: Submission, _args: NoArgs, ctx: GraphqlContext): Promise<AuditEvent[]> {
    const loader = ctx.loaders.get(
      'audit.bySubmission',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.audit.forSubmissions(ids);
          return ids.map((id) => rows.filter((r) => r.submissionId === id));
        }),
    );
    return loader.load(s.id);
  }
}
