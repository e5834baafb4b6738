import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { PageArgs } from '../../common/pagination';
import { OrganizationLevel } from './organization.entity';

@InputType()
export class CreateOrganizationInput {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field(() => OrganizationLevel)
  level: OrganizationLevel;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field(() => String, { nullable: true })
  kind?: string | null;

  @Field(() => String, { nullable: true })
  peerGroup?: string | null;

  @Field(() => String, { nullable: true })
  region?: string | null;

  @Field(() => Int, { nullable: true })
  activeFromYear?: number | null;

  @Field(() => Int, { nullable: true })
  activeToYear?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether it files its own report (default yes; a nation never does)',
  })
  reports?: boolean | null;
}

@InputType()
export class UpdateOrganizationInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, {
    description: 'The revision read; a different current revision is a CONFLICT',
  })
  expectedRevision: number;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => ID, { nullable: true, description: 'Move under another node' })
  parentId?: string | null;

  @Field(() => String, { nullable: true })
  kind?: string | null;

  @Field(() => String, { nullable: true })
  peerGroup?: string | null;

  @Field(() => String, { nullable: true })
  region?: string | null;

  @Field(() => Int, { nullable: true })
  activeFromYear?: number | null;

  @Field(() => Int, { nullable: true })
  activeToYear?: number | null;

  @Field(() => Boolean, { nullable: true })
  reports?: boolean | null;
}

@InputType({ description: 'Closes a body: it is expected up to lastYear only' })
export class CloseOrganizationInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  expectedRevision: number;

  @Field(() => Int, { description: 'Last statistics year it reports for (closed in lastYear + 1)' })
  lastYear: number;
}

@ArgsType()
export class OrganizationsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Direct children of this node' })
  parentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only nodes without a parent' })
  roots?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'The whole subtree of this node' })
  withinId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only bodies active in this statistics year' })
  activeInYear?: number | null;

  @Field(() => String, { nullable: true, description: 'Part of the name or the code' })
  search?: string | null;

  @Field(() => [OrganizationLevel], { nullable: true, description: 'Only bodies of these levels' })
  levels?: OrganizationLevel[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only bodies that report (those a round expects)',
  })
  reportsOnly?: boolean | null;
}

@ArgsType()
export class ClosePreviewArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'Last statistics year it would report for' })
  lastYear: number;
}
