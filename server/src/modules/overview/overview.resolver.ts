import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { FilterChoice, FindingsByRule, FlagMatrix, RoundTrendPoint } from './overview.model';
import { OverviewService } from './overview.service';

/**
 * Static cost of one `roundTrend` (before it runs; aliases add up): a trend reads every year of a
 * region, and with scores reads (or fills) every year's stored ranking result. Its real cost, years ×
 * organizations, is charged by the service once it knows them (common/request-budget.ts).
 */
export const ROUND_TREND_COST = 20;
export const ROUND_TREND_WITH_SCORES_COST = 200;

/** The overview's charts and the ranking's filter choices (reviewers, supervisors, admins). */
@Resolver()
export class OverviewResolver {
  constructor(private readonly overview: OverviewService) {}

  @Query(() => FindingsByRule, {
    description: 'Findings of the reports of a region subtree in a round, counted by rule',
  })
  @RequirePermission(Permission.StatsRead)
  findingsByRule(
    @CurrentActor() actor: Actor,
    @Args('roundId', { type: () => ID }) roundId: string,
    @Args('regionId', { type: () => ID }) regionId: string,
  ): Promise<FindingsByRule> {
    return this.overview.findingsByRule(actor, { roundId, regionId });
  }

  @Query(() => [RoundTrendPoint], {
    description: 'Expected, submitted, on time, approved (and the average score) per year',
    complexity: ({
      args,
      childComplexity,
    }: {
      args: { withScores?: boolean | null };
      childComplexity: number;
    }) => (args.withScores ? ROUND_TREND_WITH_SCORES_COST : ROUND_TREND_COST) + childComplexity,
  })
  @RequirePermission(Permission.StatsRead)
  roundTrend(
    @CurrentActor() actor: Actor,
    @Args('regionId', { type: () => ID }) regionId: string,
    @Args('withScores', {
      type: () => Boolean,
      defaultValue: false,
      description: 'Also score every year (from each round’s stored ranking result)',
    })
    withScores: boolean,
  ): Promise<RoundTrendPoint[]> {
    return this.overview.roundTrend(actor, { regionId, withScores });
  }

  @Query(() => FlagMatrix, {
    description: 'Organizations × gap flag types of a region in a round, the worst first',
  })
  @RequirePermission(Permission.RankingRead)
  flagMatrix(
    @CurrentActor() actor: Actor,
    @Args('roundId', { type: () => ID }) roundId: string,
    @Args('regionId', { type: () => ID }) regionId: string,
    @Args('limit', { type: () => Int, defaultValue: 30, description: 'Rows, 1–200' })
    limit: number,
  ): Promise<FlagMatrix> {
    return this.overview.flagMatrix(actor, { roundId, regionId, limit });
  }

  @Query(() => [FilterChoice], {
    description: 'Peer groups of the ranked population of a region in a round, most common first',
  })
  @RequirePermission(Permission.RankingRead)
  async peerGroups(
    @CurrentActor() actor: Actor,
    @Args('roundId', { type: () => ID }) roundId: string,
    @Args('regionId', { type: () => ID }) regionId: string,
  ): Promise<FilterChoice[]> {
    return (await this.overview.filterChoices(actor, { roundId, regionId })).peerGroups;
  }

  @Query(() => [FilterChoice], {
    description:
      'Department types of the ranked population of a region in a round, most common first',
  })
  @RequirePermission(Permission.RankingRead)
  async departmentTypes(
    @CurrentActor() actor: Actor,
    @Args('roundId', { type: () => ID }) roundId: string,
    @Args('regionId', { type: () => ID }) regionId: string,
  ): Promise<FilterChoice[]> {
    return (await this.overview.filterChoices(actor, { roundId, regionId })).departmentTypes;
  }
}
