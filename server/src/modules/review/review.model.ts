import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

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
