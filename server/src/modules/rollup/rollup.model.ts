import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../../graphql/json.scalar';
import { Finding } from '../submissions/submission.model';

@ObjectType({
  description: "Sum of a node's approved reports in a round, checked by the same rules",
})
export class Rollup {
  @Field(() => ID)
  roundId: string;

  @Field(() => ID)
  nodeId: string;

  @Field()
  template: string;

  @Field(() => Int, { description: 'Bodies expected under the node (the node itself excluded)' })
  expectedCount: number;

  @Field(() => Int, { description: 'Approved or published reports summed' })
  includedCount: number;

  @Field(() => [ID])
  includedOrganizationIds: string[];

  @Field(() => JSONScalar, { description: 'The aggregated report draft (canonical format)' })
  report: unknown;

  @Field(() => [Finding])
  findings: Finding[];
}
