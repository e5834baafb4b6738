import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { connectionType } from '../../common/pagination';
import { JSONScalar } from '../../graphql/json.scalar';
import { SnapshotStatus } from './ranking-snapshot.entity';

registerEnumType(SnapshotStatus, {
  name: 'RankingSnapshotStatus',
  description: 'FROZEN (kept, not yet circulated) or PUBLISHED (circulated; never changes)',
});

@ObjectType()
export class ScoringModelIndicator {
  @Field()
  indicatorId: string;

  @Field()
  labelZh: string;

  @Field()
  labelEn: string;

  @Field(() => Float)
  weight: number;

  @Field({ description: 'higherIsBetter or lowerIsBetter' })
  direction: string;

  @Field(() => JSONScalar, { description: 'bands / linear / minMax / percentile' })
  normalisation: unknown;
}

@ObjectType({ description: 'One stored version of a scoring model' })
export class ScoringModelVersion {
  @Field(() => ID)
  id: string;

  @Field()
  modelId: string;

  @Field()
  version: string;

  @Field()
  titleZh: string;

  @Field()
  titleEn: string;

  @Field()
  publishedOn: string;

  @Field(() => [ScoringModelIndicator])
  indicators: ScoringModelIndicator[];

  @Field(() => JSONScalar, { description: 'The whole model as stored (sources included)' })
  definition: unknown;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class RankingFlag {
  @Field()
  id: string;

  @Field({ description: 'error, warning or info' })
  severity: string;

  @Field()
  labelZh: string;
}

@ObjectType({ description: 'Points an indicator contributed (null when it does not apply)' })
export class IndicatorPoints {
  @Field()
  indicatorId: string;

  @Field(() => Float, { nullable: true })
  points: number | null;
}

@ObjectType({ description: "One organization's line of a ranking" })
export class RankingEntry {
  @Field(() => ID)
  organizationId: string;

  @Field()
  organizationName: string;

  @Field(() => String, { nullable: true })
  regionName: string | null;

  @Field()
  peerGroup: string;

  @Field(() => String, { nullable: true })
  departmentType: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Competition rank (1, 2, 2, 4); null = no score',
  })
  rank: number | null;

  @Field({ description: 'Another organization shares this rank' })
  tied: boolean;

  @Field(() => Float, { nullable: true })
  score: number | null;

  @Field(() => [IndicatorPoints])
  subScores: IndicatorPoints[];

  @Field(() => [RankingFlag])
  flags: RankingFlag[];

  @Field(() => String, { nullable: true })
  status: string | null;

  @Field(() => String, { nullable: true })
  firstSubmittedAt: string | null;

  @Field(() => Int, { nullable: true })
  previousRank: number | null;

  @Field(() => Int, { nullable: true, description: 'previousRank − rank: positive = moved up' })
  rankChange: number | null;
}

@ObjectType()
export class RankingIndicatorColumn {
  @Field()
  indicatorId: string;

  @Field()
  labelZh: string;

  @Field()
  labelEn: string;

  @Field(() => Float)
  weight: number;
}

const RankingEntryConnection = connectionType(RankingEntry, 'RankingEntry');

@ObjectType({ description: 'A page of a ranking, live or from a snapshot' })
export class RankingPage extends RankingEntryConnection {
  @Field(() => ID)
  roundId: string;

  @Field(() => ID)
  regionId: string;

  @Field(() => ID, { nullable: true, description: 'Set when read from a snapshot' })
  snapshotId: string | null;

  @Field(() => ScoringModelVersion)
  model: ScoringModelVersion;

  @Field({ description: 'The scoring instant (deadlines are judged as of it)' })
  asOf: string;

  @Field(() => Int, { description: 'Organizations with a rank in the population' })
  rankedCount: number;

  @Field(() => Int, {
    description: 'Organizations in the ranked population (before display filters)',
  })
  populationCount: number;

  @Field(() => [RankingIndicatorColumn])
  indicators: RankingIndicatorColumn[];
}

@ObjectType()
export class ScoreContribution {
  @Field()
  indicatorId: string;

  @Field()
  labelZh: string;

  @Field()
  labelEn: string;

  @Field({ description: 'value, notApplicable or missing' })
  status: string;

  @Field(() => Float, { nullable: true })
  raw: number | null;

  @Field()
  unitZh: string;

  @Field(() => Float, { nullable: true })
  normalised: number | null;

  @Field(() => Float)
  weight: number;

  @Field(() => Float)
  maxPoints: number;

  @Field(() => Float, { description: 'Points earned; all contributions add up to the score' })
  points: number;
}

@ObjectType({ description: "How an organization's score decomposes into indicators" })
export class ScoreExplanation {
  @Field(() => ID)
  organizationId: string;

  @Field()
  organizationName: string;

  @Field()
  modelId: string;

  @Field()
  modelVersion: string;

  @Field()
  asOf: string;

  @Field(() => Float, { nullable: true })
  score: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the score is null: awaitingReport (nothing submitted while the deadline is open) or nothingApplies (no indicator applies); null when there is a score',
  })
  unrankedReason: string | null;

  @Field(() => [ScoreContribution])
  contributions: ScoreContribution[];
}

@ObjectType({ description: 'A gap a supervisor should follow up, with its evidence' })
export class GapFlag {
  @Field()
  flagId: string;

  @Field()
  severity: string;

  @Field(() => ID)
  organizationId: string;

  @Field()
  organizationName: string;

  @Field()
  labelZh: string;

  @Field()
  message: string;

  @Field()
  messageEn: string;

  @Field(() => JSONScalar)
  evidence: unknown;
}

export const GapFlagConnection = connectionType(GapFlag, 'GapFlag');

@ObjectType()
export class WhatIfEntry {
  @Field(() => ID)
  organizationId: string;

  @Field()
  organizationName: string;

  @Field(() => Int, { nullable: true })
  rank: number | null;

  @Field()
  tied: boolean;

  @Field(() => Float, { nullable: true })
  score: number | null;

  @Field(() => Int, { nullable: true, description: 'Rank under the model as it is' })
  baseRank: number | null;

  @Field(() => Float, { nullable: true })
  baseScore: number | null;

  @Field(() => Int, { nullable: true, description: 'baseRank − rank: positive = moves up' })
  rankDelta: number | null;
}

@ObjectType()
export class WhatIfWeight {
  @Field()
  indicatorId: string;

  @Field(() => Float)
  weight: number;
}

@ObjectType({ description: 'A ranking under other weights: computed, never saved' })
export class WhatIfRanking {
  @Field(() => [WhatIfEntry])
  entries: WhatIfEntry[];

  @Field(() => Int)
  totalCount: number;

  @Field(() => Int, { description: 'Organizations whose rank differs from the model as it is' })
  movedCount: number;

  @Field(() => [WhatIfWeight])
  weights: WhatIfWeight[];
}

@ObjectType({ description: 'A frozen ranking' })
export class RankingSnapshot {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  roundId: string;

  @Field(() => ID)
  regionId: string;

  @Field(() => String, { nullable: true })
  peerGroup: string | null;

  @Field()
  title: string;

  @Field(() => SnapshotStatus)
  status: SnapshotStatus;

  @Field(() => ID)
  scoringModelId: string;

  @Field()
  asOf: Date;

  @Field(() => Int)
  entryCount: number;

  @Field(() => Int)
  rankedCount: number;

  @Field()
  inputsHash: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  publishedAt: Date | null;

  @Field(() => ID, { nullable: true })
  frozenById: string | null;
}

export const RankingSnapshotConnection = connectionType(RankingSnapshot, 'RankingSnapshot');
