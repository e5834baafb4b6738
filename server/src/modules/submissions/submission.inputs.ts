import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { PageArgs } from '../../common/pagination';
import { JSONScalar } from '../../graphql/json.scalar';
import { SubmissionStatus } from './submission.entity';

@InputType()
export class StartSubmissionInput {
  @Field(() => ID)
  roundId: string;

  @Field(() => ID)
  organizationId: string;
}

@InputType()
export class SaveDraftInput {
  @Field(() => ID)
  submissionId: string;

  @Field(() => Int, {
    description: 'The revision read; someone else’s save in between is a CONFLICT',
  })
  expectedRevision: number;

  @Field(() => JSONScalar, { description: 'The canonical report (gongkai/annual-report@1)' })
  report: unknown;

  @Field(() => Boolean, {
    nullable: true,
    description: 'An autosave (unchanged content writes nothing)',
  })
  autosave?: boolean | null;
}

@InputType()
export class SubmitInput {
  @Field(() => ID)
  submissionId: string;

  @Field(() => Int)
  expectedRevision: number;

  @Field(() => String, {
    nullable: true,
    description: "The bureau's reply to the reviewer; required when resubmitting a returned report",
  })
  reply?: string | null;
}

@InputType()
export class JustifyFindingInput {
  @Field(() => ID)
  submissionId: string;

  @Field(() => Int)
  expectedRevision: number;

  @Field({ description: 'Finding.key of a warning in the current version' })
  findingKey: string;

  @Field()
  text: string;
}

@ArgsType()
export class SubmissionsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  roundId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Submissions of organizations under this node' })
  withinId?: string | null;

  @Field(() => ID, { nullable: true })
  organizationId?: string | null;

  @Field(() => [SubmissionStatus], { nullable: true })
  statuses?: SubmissionStatus[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Only reports whose counting version (submitted, else latest draft) has a finding of this rule, e.g. applications.rowTotal',
  })
  rule?: string | null;
}
