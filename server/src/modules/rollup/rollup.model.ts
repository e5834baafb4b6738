import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../../graphql/json.scalar';
import { SubmissionStatus, Finding } from '../submissions';

@ObjectType({
  description: 'A body expected under the rolled-up node, and whether its report is in the sum',
})
export class RollupMember {
  @Field(() => ID)
  organizationId: string;

  @Field()
  organizationName: string;

  @Field(() => ID, { nullable: true, description: 'Its submission, when it has started one' })
  submissionId: string | null;

  @Field(() => SubmissionStatus, { nullable: true, description: 'Null when not started' })
  status: SubmissionStatus | null;

  @Field({ description: 'Its approved or published report is in the sum' })
  included: boolean;
}

@ObjectType({ description: "The node's own report in the round, as it submitted it" })
export class RollupOwnReport {
  @Field(() => ID)
  submissionId: string;

  @Field(() => SubmissionStatus)
  status: SubmissionStatus;

  @Field(() => Int, { nullable: true, description: 'Number of the version compared' })
  versionNumber: number | null;

  @Field({ description: 'The version compared was submitted (else the current draft)' })
  submitted: boolean;

  @Field(() => JSONScalar, {
    nullable: true,
    description: 'The report (canonical format); null when nothing is saved yet',
  })
  report: unknown;
}

@ObjectType({
  description: "Sum of a node's approved reports in a round, checked by the same rules",
})
export class Rollup {
  @Field(() => ID)
  roundId: string;

  @Field(() => Int)
  year: number;

  @Field(() => ID)
  nodeId: string;

  @Field()
  nodeName: string;

  @Field()
  template: string;

  @Field(() => Int, { description: 'Bodies expected under the node (the node itself excluded)' })
  expectedCount: number;

  @Field(() => Int, { description: 'Approved or published reports summed' })
  includedCount: number;

  @Field(() => [ID])
  includedOrganizationIds: string[];

  @Field(() => [RollupMember], {
    description:
      'Every body expected under the node, missing ones (not approved) first, then by name',
  })
  members: RollupMember[];

  @Field(() => RollupOwnReport, {
    nullable: true,
    description: "The node's own submission in the round; null when it has none",
  })
  own: RollupOwnReport | null;

  @Field(() => JSONScalar, { description: 'The aggregated report draft (canonical format)' })
  report: unknown;

  @Field(() => [Finding])
  findings: Finding[];
}
