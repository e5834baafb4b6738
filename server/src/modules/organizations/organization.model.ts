import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { connectionType } from '../../common/pagination';
import { OrganizationLevel } from './organization.entity';

registerEnumType(OrganizationLevel, {
  name: 'OrganizationLevel',
  description:
    'The national root (files no report), province, city, county-level government, department or township',
});

@ObjectType({ description: 'A government or reporting body in the hierarchy' })
export class Organization {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Stable key used by roster imports' })
  code: string;

  @Field()
  name: string;

  @Field(() => OrganizationLevel)
  level: OrganizationLevel;

  @Field(() => ID, { nullable: true })
  parentId: string | null;

  @Field(() => String, { nullable: true, description: 'Department kind, e.g. 科技局' })
  kind: string | null;

  @Field(() => String, { nullable: true })
  peerGroup: string | null;

  @Field(() => String, { nullable: true })
  region: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'First statistics year reported (null: always)',
  })
  activeFromYear: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Last statistics year reported (null: still active)',
  })
  activeToYear: number | null;

  @Field({ description: 'Whether the body files its own annual report' })
  reports: boolean;

  @Field()
  isDemo: boolean;

  @Field(() => Int, { description: 'Optimistic-lock token: pass it back when editing' })
  revision: number;
}

export const OrganizationConnection = connectionType(Organization, 'Organization');

@ObjectType({ description: 'What closing a body after a year would do' })
export class OrganizationClosePreview {
  @Field(() => Organization)
  organization: Organization;

  @Field(() => Int)
  lastYear: number;

  @Field(() => Int, {
    description: 'Bodies (the node included) that would stop reporting after lastYear',
  })
  closing: number;

  @Field(() => Int, { description: 'Of those, the bodies under the node' })
  closingBelow: number;

  @Field(() => Int, {
    description: 'Submissions of later years in the subtree; closing is refused while any exist',
  })
  laterSubmissions: number;

  @Field(() => Int, { nullable: true, description: 'The first year of those submissions' })
  laterSubmissionsFrom: number | null;
}
