import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { connectionType } from '../../common/pagination';
import { RoundStatus } from './round.entity';

registerEnumType(RoundStatus, { name: 'RoundStatus' });

@ObjectType({ description: 'A later deadline granted to one organization' })
export class RoundExtension {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  roundId: string;

  @Field(() => ID)
  organizationId: string;

  @Field({ description: 'Last day, Asia/Shanghai, inclusive (YYYY-MM-DD)' })
  deadline: string;

  @Field()
  reason: string;

  @Field(() => ID, { nullable: true, description: 'Who granted it (the last to change it)' })
  grantedById: string | null;

  @Field()
  createdAt: Date;
}

@ObjectType({ description: "One year's collection of reports under a government" })
export class Round {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'Statistics year' })
  year: number;

  @Field({ description: 'Report template: 2021, 2019, legacy-fujian, legacy-2011, narrative' })
  template: string;

  @Field(() => ID)
  scopeOrganizationId: string;

  @Field(() => RoundStatus)
  status: RoundStatus;

  @Field({ description: 'Departments and townships: last day, Asia/Shanghai, inclusive' })
  departmentDeadline: string;

  @Field({ description: 'Governments: last day, Asia/Shanghai, inclusive' })
  governmentDeadline: string;

  @Field()
  isDemo: boolean;

  @Field(() => Int)
  revision: number;
}

export const RoundConnection = connectionType(Round, 'Round');
