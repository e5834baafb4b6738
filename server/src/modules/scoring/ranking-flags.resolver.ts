import { FLAG_CATALOGUE, type FlagId } from '@gongkai/scoring';
import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { badInput } from '../../common/domain-error';
import { type Connection, CURSOR_BY_POSITION, pageOf, toConnection } from '../../common/pagination';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { RankingFlagsService } from './ranking-flags.service';
import { FlagsInput } from './ranking.inputs';
import { GapFlag, GapFlagConnection } from './ranking.model';
import { inputPaged } from './ranking-resolver.mappers';

/** The gap flags of a population, read from the round's stored result (`RankingFlagsService`). */
@Resolver()
export class RankingFlagsResolver {
  constructor(private readonly rankingFlags: RankingFlagsService) {}

  @Query(() => GapFlagConnection, {
    description: 'Gap flags of a round and region subtree, each with its rule and evidence',
    complexity: inputPaged,
  })
  @RequirePermission(Permission.RankingRead)
  async flags(
    @CurrentActor() actor: Actor,
    @Args('input') input: FlagsInput,
  ): Promise<Connection<GapFlag>> {
    const page = pageOf(
      { first: input.first, after: input.after },
      CURSOR_BY_POSITION,
      'input.after',
    );
    const start = page.after ? Number(page.after.id) + 1 : 0;
    if (!Number.isInteger(start) || start < 0)
      throw badInput('input.after', 'not a cursor of this list', { key: 'common.badCursor' });
    const { flags, names, totalCount } = await this.rankingFlags.flags(actor, input, {
      offset: start,
      limit: page.limit + 1,
    });
    const items = flags.map((flag, i): GapFlag & { position: number } => ({
      position: start + i,
      flagId: flag.id,
      severity: flag.severity,
      organizationId: flag.organizationId,
      organizationName: names.get(flag.organizationId) ?? '',
      labelZh: FLAG_CATALOGUE[flag.id as FlagId].labelZh,
      message: flag.message,
      messageEn: flag.messageEn,
      evidence: flag.evidence,
    }));
    return toConnection(
      items,
      page,
      (item) => ({ k: 'flag', id: String(item.position) }),
      totalCount,
    );
  }
}
