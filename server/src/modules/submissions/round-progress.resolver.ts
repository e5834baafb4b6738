import { ResolveField, Resolver } from '@nestjs/graphql';
import { DomainError, DomainErrorCode } from '../../common/domain-error';
import { FieldPermission, signedInActor } from '../../common/permission.decorator';
import { Permission, ROLE_PERMISSIONS } from '../../common/permissions';
import type { NoArgs } from '../../graphql/field-resolver';
import type { GraphqlContext } from '../../graphql/graphql.options';
import { Round } from '../rounds';
import { RoundStatsFigures } from './submission-stats.model';
import { SubmissionStatsService } from './submission-stats.service';

/** A round's progress (expected, submitted, approved, late …): the figures of `roundStats`. */
@Resolver(() => Round)
export class RoundProgressResolver {
  constructor(private readonly stats: SubmissionStatsService) {}

  @ResolveField(() => RoundStatsFigures, {
    nullable: true,
    description:
      'Figures of the whole round (as roundStats of its government); null when the viewer may not read them',
  })
  @FieldPermission(Permission.StatsRead)
  async progress(
    round: Round,
    _args: NoArgs,
    ctx: GraphqlContext,
  ): Promise<RoundStatsFigures | null> {
    const actor = signedInActor(ctx.req);
    if (!ROLE_PERMISSIONS[actor.role].has(Permission.StatsRead)) return null;
    try {
      const {
        children: _children,
        roundId: _roundId,
        ...figures
      } = await this.stats.roundStats(actor, round.id, round.scopeOrganizationId, {
        withChildren: false,
      });
      return figures;
    } catch (error) {
      if (error instanceof DomainError && error.code === DomainErrorCode.NotFound) return null;
      throw error;
    }
  }
}
