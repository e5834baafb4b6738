import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { RoundStats } from './submission-stats.model';
import { SubmissionStatsService } from './submission-stats.service';

@Resolver(() => RoundStats)
export class SubmissionStatsResolver {
  constructor(private readonly stats: SubmissionStatsService) {}

  @Query(() => RoundStats, { description: 'Expected, submitted, on time, complete, approved' })
  @RequirePermission(Permission.StatsRead)
  roundStats(
    @CurrentActor() actor: Actor,
    @Args('roundId', { type: () => ID }) roundId: string,
    @Args('nodeId', { type: () => ID }) nodeId: string,
  ): Promise<RoundStats> {
    return this.stats.roundStats(actor, roundId, nodeId);
  }
}
