import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { findingKey } from '../submissions';
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
      findings: result.findings.map((f) => ({
        key: findingKey(f),
        rule: f.rule,
        severity: f.severity,
        cells: [...f.cells],
        expected: f.expected ?? null,
        actual: f.actual ?? null,
        message: f.message,
        messageEn: f.messageEn,
        justification: null,
      })),
    };
  }
}
