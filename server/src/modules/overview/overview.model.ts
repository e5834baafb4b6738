import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'How often one rule fired, at one severity, in a region and round' })
export class RuleFindingCount {
  @Field()
  ruleId: string;

  @Field({ description: 'error, warning or info' })
  severity: string;

  @Field(() => Int, { description: 'Findings of the rule (a report may have several)' })
  findings: number;

  @Field(() => Int, { description: 'Reports with at least one such finding' })
  submissions: number;

  @Field(() => String, {
    nullable: true,
    description: 'The rule as the catalogue states it (zh-CN)',
  })
  descriptionZh: string | null;

  @Field(() => String, { nullable: true })
  descriptionEn: string | null;
}

@ObjectType({
  description:
    'Stored findings of the counting version (submitted, else the latest draft) of every report of a region subtree in a round, by rule',
})
export class FindingsByRule {
  @Field(() => ID)
  roundId: string;

  @Field(() => ID)
  regionId: string;

  @Field(() => Int, { description: 'Reports whose findings were counted' })
  reportCount: number;

  @Field(() => [RuleFindingCount], { description: 'Most findings first' })
  rules: RuleFindingCount[];
}

@ObjectType({ description: 'Completeness, timeliness and scores of one year of a region' })
export class RoundTrendPoint {
  @Field(() => ID)
  roundId: string;

  @Field(() => Int)
  year: number;

  @Field(() => Int)
  expected: number;

  @Field(() => Int)
  submitted: number;

  @Field(() => Int)
  onTime: number;

  @Field(() => Int)
  approved: number;

  @Field(() => Float, { description: 'Percent of expected' })
  submittedRate: number;

  @Field(() => Float)
  onTimeRate: number;

  @Field(() => Float)
  approvedRate: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean score of the ranked organizations (only when asked for with withScores)',
  })
  averageScore: number | null;

  @Field(() => Int, { nullable: true, description: 'Organizations with a score' })
  scoredCount: number | null;
}

@ObjectType({ description: 'One kind of gap flag and how many organizations carry it' })
export class FlagMatrixType {
  @Field()
  flagId: string;

  @Field()
  severity: string;

  @Field()
  labelZh: string;

  @Field()
  labelEn: string;

  @Field(() => Int, { description: 'Organizations of the region with this flag' })
  organizations: number;
}

@ObjectType({ description: "One organization's flags, aligned with FlagMatrix.flagTypes" })
export class FlagMatrixRow {
  @Field(() => ID)
  organizationId: string;

  @Field()
  organizationName: string;

  @Field(() => Int)
  errorCount: number;

  @Field(() => Int)
  warningCount: number;

  @Field(() => Int)
  infoCount: number;

  @Field(() => [Int], { description: 'Flags of each type of flagTypes (same order)' })
  counts: number[];
}

@ObjectType({ description: 'Organizations × gap flag types, the worst organizations first' })
export class FlagMatrix {
  @Field(() => ID)
  roundId: string;

  @Field(() => ID)
  regionId: string;

  @Field(() => [FlagMatrixType], { description: 'Flag types present, most frequent first' })
  flagTypes: FlagMatrixType[];

  @Field(() => [FlagMatrixRow], { description: 'At most `limit` rows' })
  rows: FlagMatrixRow[];

  @Field(() => Int, { description: 'Organizations with at least one flag' })
  flaggedCount: number;
}

@ObjectType({
  description: 'A value a ranking can be filtered by, with how many organizations have it',
})
export class FilterChoice {
  @Field()
  value: string;

  @Field(() => Int)
  count: number;
}
