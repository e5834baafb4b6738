import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { toFinding } from '../submissions';
import { Rollup } from './rollup.model';
import { RollupService } from './rollup.service';

@Resolver(() => Rollup)
export class RollupResolver {
  constructor(private readonly rollups: RollupService) {}

  @Query(() => Rollup)
  @RequirePermission(Permission.RollupRead)
  async rollup(
    @CurrentActor() actor: Actor,
    @Args('roundId', { type: () => ID }) roundId: string,
    @Args('nodeId', { type: () => ID }) nodeId: string,
  ): Promise<Rollup> {
    const result = await this.rollups.rollup(actor, roundId, nodeId);
    return {
      ...result,
      members: result.members.map((m) => ({ ...m })),
      own: result.own ? { ...result.own } : null,
      findings: result.findings.map((f) => toFinding(f, null)),
    };
  }
}
