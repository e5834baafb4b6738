import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description: 'Completeness and timeliness of one node of a round (counts of the expected roster)',
})
export class RoundStatsFigures {
  @Field(() => ID)
  nodeId: string;

  @Field(() => Int, { description: 'Bodies active in the round year under the node' })
  expected: number;

  @Field(() => Int)
  submitted: number;

  @Field(() => Int, {
    description: 'First submission on or before the deadline (incl. extension), Asia/Shanghai',
  })
  onTime: number;

  @Field(() => Int)
  late: number;

  @Field(() => Int)
  missing: number;

  @Field(() => Int, {
    description: 'Submitted version has every template cell and section, and no errors',
  })
  complete: number;

  @Field(() => Int)
  approved: number;

  @Field(() => Int)
  published: number;

  @Field(() => Float, { description: 'Percent of expected' })
  submittedRate: number;

  @Field(() => Float)
  onTimeRate: number;

  @Field(() => Float)
  completeRate: number;

  @Field(() => Float)
  approvedRate: number;

  @Field(() => [ID])
  missingOrganizationIds: string[];

  @Field(() => [ID])
  lateOrganizationIds: string[];
}

@ObjectType()
export class RoundStats extends RoundStatsFigures {
  @Field(() => ID)
  roundId: string;

  @Field(() => [RoundStatsFigures], { description: 'The same figures per direct child subtree' })
  children: RoundStatsFigures[];
}
