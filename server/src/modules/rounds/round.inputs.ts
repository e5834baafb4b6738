import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { RoundStatus } from './round.entity';

@InputType()
export class CreateRoundInput {
  @Field(() => Int)
  year: number;

  @Field(() => ID, { description: 'The collecting government' })
  scopeOrganizationId: string;

  @Field(() => String, { nullable: true, description: 'Defaults to the template of the year' })
  template?: string | null;

  @Field(() => String, { nullable: true, description: 'Defaults to the statutory 1月31日' })
  departmentDeadline?: string | null;

  @Field(() => String, { nullable: true, description: 'Defaults to the statutory 3月31日' })
  governmentDeadline?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Open it at once (in the same transaction) instead of leaving it planned',
  })
  open?: boolean | null;
}

@InputType()
export class UpdateRoundInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  expectedRevision: number;

  @Field(() => String, { nullable: true })
  departmentDeadline?: string | null;

  @Field(() => String, { nullable: true })
  governmentDeadline?: string | null;

  @Field(() => RoundStatus, {
    nullable: true,
    description: 'PLANNED → OPEN → CLOSED (CLOSED → OPEN reopens)',
  })
  status?: RoundStatus | null;
}

@InputType()
export class GrantExtensionInput {
  @Field(() => ID)
  roundId: string;

  @Field(() => ID)
  organizationId: string;

  @Field({ description: 'New last day, Asia/Shanghai, inclusive (YYYY-MM-DD)' })
  deadline: string;

  @Field()
  reason: string;
}
