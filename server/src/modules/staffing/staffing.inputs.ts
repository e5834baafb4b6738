import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { OrganizationLevel } from '../organizations';

@InputType()
export class RequiredPostInput {
  @Field()
  postKey: string;

  @Field()
  labelZh: string;

  @Field()
  labelEn: string;

  @Field(() => Int)
  minCount: number;

  @Field()
  fullTimeRequired: boolean;

  @Field()
  countsAsStaff: boolean;

  @Field(() => OrganizationLevel, { nullable: true })
  organizationLevel?: OrganizationLevel | null;

  @Field(() => String, { nullable: true })
  organizationKind?: string | null;

  @Field(() => Int, { nullable: true })
  sortOrder?: number | null;
}

@InputType()
export class SetRequiredPostsInput {
  @Field(() => ID)
  roundId: string;

  @Field(() => [RequiredPostInput], {
    nullable: true,
    description: 'The full set for the round; omitted = the default set',
  })
  posts?: RequiredPostInput[] | null;
}

@InputType()
export class AssignPostInput {
  @Field(() => ID)
  organizationId: string;

  @Field()
  postKey: string;

  @Field({ description: 'Up to 60 characters; empty only for a confirmed report prefill' })
  holderName: string;

  @Field()
  fullTime: boolean;

  @Field({ description: 'First day held (YYYY-MM-DD, Asia/Shanghai)' })
  fromDate: string;

  @Field(() => String, { nullable: true, description: 'Last day held, inclusive' })
  untilDate?: string | null;
}

@InputType()
export class UpdatePostAssignmentInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  expectedRevision: number;

  @Field(() => String, { nullable: true })
  holderName?: string | null;

  @Field(() => Boolean, { nullable: true })
  fullTime?: boolean | null;

  @Field(() => String, { nullable: true })
  fromDate?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Last day held; pass with clearUntil=false to end a holding',
  })
  untilDate?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Make the holding open-ended again' })
  clearUntil?: boolean | null;
}

@InputType()
export class RemoveStaffingEntryInput {
  @Field(() => ID)
  id: string;
}

@InputType()
export class DeclareVacancyInput {
  @Field(() => ID)
  organizationId: string;

  @Field()
  postKey: string;

  @Field(() => String, { nullable: true, description: 'First vacant day; null clears it' })
  since?: string | null;
}

@InputType()
export class RecordTrainingInput {
  @Field(() => ID)
  organizationId: string;

  @Field()
  heldOn: string;

  @Field()
  topic: string;

  @Field(() => Float)
  hours: number;
}

@InputType()
export class UpdateLeadingGroupInput {
  @Field(() => ID)
  organizationId: string;

  @Field(() => Int)
  expectedRevision: number;

  @Field(() => String, { nullable: true })
  establishedOn?: string | null;

  @Field(() => String, { nullable: true })
  dissolvedOn?: string | null;
}

@InputType()
export class ConfirmRosterInput {
  @Field(() => ID)
  organizationId: string;
}

@InputType()
export class PrefillNameInput {
  @Field()
  postKey: string;

  @Field({ description: 'Name for the n-th proposed holder of the post (may be empty)' })
  holderName: string;
}

@InputType()
export class ApplyStaffingPrefillInput {
  @Field(() => ID)
  organizationId: string;

  @Field(() => ID)
  roundId: string;

  @Field({ description: 'First day the proposed holders are recorded as holding their posts' })
  fromDate: string;

  @Field(() => [PrefillNameInput], { nullable: true })
  names?: PrefillNameInput[] | null;
}
