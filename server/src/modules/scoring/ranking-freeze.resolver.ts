import {
  Args,
  Field,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
} from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { badInput } from '../../common/domain-error';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { isUuid } from '../../common/uuid';
import { JSONScalar } from '../../graphql/json.scalar';
import { DataSource } from 'typeorm';
import { RankingFreezeService } from './ranking-freeze.service';
import { FreezeStatus, listFreezeTasks, type FreezeTask } from './ranking-freeze.task';
import { FreezeRankingInput } from './ranking.inputs';

registerEnumType(FreezeStatus, {
  name: 'RankingFreezeStatus',
  description:
    'RUNNING being written; DONE frozen (see snapshotId); FAILED nothing stored (see failureReason)',
});

@ObjectType('RankingFreezeTask', {
  description: 'A freeze of a population running in the background, or one that failed',
})
export class RankingFreezeTaskModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  roundId: string;

  @Field(() => ID)
  regionId: string;

  @Field()
  regionName: string;

  @Field(() => String, { nullable: true })
  peerGroup: string | null;

  @Field(() => String, { nullable: true, description: 'The title asked for, if any' })
  title: string | null;

  @Field(() => FreezeStatus)
  status: FreezeStatus;

  @Field(() => Int, {
    nullable: true,
    description: 'Rows to write, known once the ranking has been read',
  })
  total: number | null;

  @Field(() => Int, { description: 'Rows written so far' })
  written: number;

  @Field(() => ID, { nullable: true, description: 'The snapshot made, once DONE' })
  snapshotId: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why it failed: a reason key (`error.<key>` in the web catalogues)',
  })
  failureReason: string | null;

  @Field(() => JSONScalar, { nullable: true })
  failureParams: Record<string, string | number> | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

function toModel(task: FreezeTask): RankingFreezeTaskModel {
  return {
    id: task.id,
    roundId: task.roundId,
    regionId: task.regionId,
    regionName: task.regionName,
    peerGroup: task.peerGroup,
    title: task.title,
    status: task.status,
    total: task.total,
    written: task.written,
    snapshotId: task.snapshotId,
    failureReason: task.failure?.key ?? null,
    failureParams: task.failure?.params ? { ...task.failure.params } : null,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
  };
}

/** Freezing a ranking in the background, and watching it. */
@Resolver(() => RankingFreezeTaskModel)
export class RankingFreezeResolver {
  constructor(
    private readonly freezes: RankingFreezeService,
    private readonly dataSource: DataSource,
  ) {}

  @Mutation(() => RankingFreezeTaskModel, {
    description:
      'Starts freezing the ranking as it stands and returns at once; a freeze of the same population already running is returned instead. Watch it with rankingFreezeTasks.',
  })
  @RequirePermission(Permission.RankingManage)
  async startRankingFreeze(
    @CurrentActor() actor: Actor,
    @Args('input') input: FreezeRankingInput,
  ): Promise<RankingFreezeTaskModel> {
    return toModel((await this.freezes.start(actor, input)).task);
  }

  @Query(() => [RankingFreezeTaskModel], {
    description:
      'Freezes of a round running now, failed (not retried yet) or done in the last 5 minutes, newest first (at most 50)',
  })
  @RequirePermission(Permission.RankingRead)
  async rankingFreezeTasks(
    @CurrentActor() actor: Actor,
    @Args('roundId', { type: () => ID }) roundId: string,
    @Args('regionId', { type: () => ID, nullable: true }) regionId?: string | null,
  ): Promise<RankingFreezeTaskModel[]> {
    if (!isUuid(roundId)) throw badInput('roundId', 'not a round id', { key: 'common.notAnId' });
    if (regionId != null && !isUuid(regionId))
      throw badInput('regionId', 'not an organization id', { key: 'common.notAnId' });
    const tasks = await listFreezeTasks((sql, p) => this.dataSource.query(sql, p), actor, {
      roundId,
      regionId: regionId ?? null,
    });
    return tasks.map(toModel);
  }
}
