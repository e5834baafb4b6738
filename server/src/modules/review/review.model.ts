import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ReturnKind } from '../submissions';

registerEnumType(ReturnKind, {
  name: 'ReturnKind',
  description: 'RETURN: sent back during review; REOPEN: an approved report opened again',
});

export enum CommentResolution {
  /** The commented cell or field differs between the returned and the later version. */
  CHANGED = 'CHANGED',
  /** The bureau marked the comment as dealt with. */
  MARKED = 'MARKED',
}
registerEnumType(CommentResolution, { name: 'CommentResolution' });

@ObjectType({ description: "A reviewer's comment, optionally on one cell or field" })
export class ReviewComment {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  versionId: string;

  @Field(() => String, { nullable: true })
  cell: string | null;

  @Field()
  body: string;

  @Field(() => ID, { nullable: true })
  authorId: string | null;

  @Field()
  createdAt: Date;

  @Field(() => ID, { nullable: true, description: 'The return this comment was made with' })
  returnId: string | null;

  @Field(() => CommentResolution, {
    nullable: true,
    description:
      'Why the comment counts as resolved (the cell changed since the returned version, or the bureau marked it); null while open',
  })
  resolution: CommentResolution | null;

  @Field(() => Date, { nullable: true, description: 'When the bureau marked it as dealt with' })
  resolvedAt: Date | null;
}

@ObjectType({
  description:
    "One turn of the review thread: the reviewer's return or reopen, and the bureau's reply on resubmitting",
})
export class SubmissionReturn {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  submissionId: string;

  @Field(() => ReturnKind)
  kind: ReturnKind;

  @Field()
  reason: string;

  @Field(() => ID, { nullable: true })
  reviewerId: string | null;

  @Field()
  createdAt: Date;

  @Field(() => ID, { nullable: true, description: 'The version that was returned' })
  returnedVersionId: string | null;

  @Field(() => Int, { nullable: true })
  returnedVersionNumber: number | null;

  @Field(() => [ReviewComment], { description: 'Comments made with this return, oldest first' })
  comments: ReviewComment[];

  @Field(() => String, { nullable: true, description: "The bureau's reply; null while open" })
  reply: string | null;

  @Field(() => ID, { nullable: true })
  repliedById: string | null;

  @Field(() => Date, { nullable: true })
  repliedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'The version resubmitted with the reply' })
  resubmittedVersionId: string | null;

  @Field(() => Int, { nullable: true })
  resubmittedVersionNumber: number | null;
}

@InputType()
export class ResolveReviewCommentInput {
  @Field(() => ID)
  commentId: string;

  @Field({ description: 'true marks the comment as dealt with, false opens it again' })
  resolved: boolean;
}

@InputType()
export class CommentInput {
  @Field(() => String, {
    nullable: true,
    description: 'Cell path (applications.total.natural) or field (sections.problems)',
  })
  cell?: string | null;

  @Field()
  body: string;
}

@InputType()
export class DecisionInput {
  @Field(() => ID)
  submissionId: string;

  @Field(() => Int)
  expectedRevision: number;
}

@InputType()
export class ReturnSubmissionInput extends DecisionInput {
  @Field()
  reason: string;

  @Field(() => [CommentInput], { nullable: true })
  comments?: CommentInput[] | null;
}

@InputType()
export class ReopenSubmissionInput extends DecisionInput {
  @Field()
  reason: string;
}

@InputType()
export class BulkApproveInput {
  @Field(() => [DecisionInput], {
    description: 'All approved, or none (CONFLICT names the first that cannot be)',
  })
  items: DecisionInput[];
}
