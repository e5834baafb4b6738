import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { JSONScalar } from '../../graphql/json.scalar';

@InputType()
export class RankingInput {
  @Field(() => ID)
  roundId: string;

  @Field(() => ID, { description: 'Region node: its whole subtree is ranked' })
  regionId: string;

  @Field(() => String, { nullable: true, description: 'Rank within one peer group only' })
  peerGroup?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Scoring model version (default: the current one)',
  })
  modelId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Read a frozen snapshot instead of live data' })
  snapshotId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Display filter: department kind (ranks unchanged)',
  })
  departmentType?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Display filter: organizations with this flag',
  })
  flag?: string | null;

  @Field(() => String, { nullable: true, description: 'Display filter: name contains' })
  search?: string | null;

  @Field(() => Int, { nullable: true, description: 'Page size, 1–100 (default 20)' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'The last `first` places (the bottom of the list) instead of the first; not with `after`',
  })
  fromEnd?: boolean | null;
}

@InputType()
export class FlagsInput {
  @Field(() => ID)
  roundId: string;

  @Field(() => ID)
  regionId: string;

  @Field(() => String, { nullable: true })
  peerGroup?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this flag (e.g. timeliness.late)' })
  flagId?: string | null;

  @Field(() => String, { nullable: true, description: 'error, warning or info' })
  severity?: string | null;

  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@InputType()
export class WeightInput {
  @Field()
  indicatorId: string;

  @Field(() => Float)
  weight: number;
}

@InputType()
export class WhatIfRankingInput {
  @Field(() => ID)
  roundId: string;

  @Field(() => ID)
  regionId: string;

  @Field(() => String, { nullable: true })
  peerGroup?: string | null;

  @Field(() => ID, { nullable: true })
  modelId?: string | null;

  @Field(() => [WeightInput], { description: 'New weights; indicators not named keep theirs' })
  weights: WeightInput[];

  @Field(() => Int, { nullable: true, description: 'How many entries, 1–100 (default 20)' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@InputType()
export class FreezeRankingInput {
  @Field(() => ID)
  roundId: string;

  @Field(() => ID)
  regionId: string;

  @Field(() => String, { nullable: true })
  peerGroup?: string | null;

  @Field(() => ID, { nullable: true })
  modelId?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;
}

@InputType()
export class PublishRankingSnapshotInput {
  @Field(() => ID)
  snapshotId: string;
}

@InputType()
export class DeleteRankingSnapshotInput {
  @Field(() => ID)
  snapshotId: string;
}

@InputType()
export class CreateScoringModelInput {
  @Field(() => JSONScalar, { description: 'A whole scoring model (id, version, indicators, …)' })
  definition: unknown;
}
