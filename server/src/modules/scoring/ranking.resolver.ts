import type { IndicatorId } from '@gongkai/scoring';
import { Args, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { badInput } from '../../common/domain-error';
import {
  type Connection,
  CURSOR_BY_TEXT,
  CURSOR_BY_TIME,
  pageOf,
  toConnection,
} from '../../common/pagination';
import {
  CurrentActor,
  FieldPermission,
  RequirePermission,
} from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { FrozenRowsStore } from './frozen-rows.store';
import { RankingExplainService } from './ranking-explain.service';
import { RankingRowsReader } from './ranking-rows.reader';
import type { RankingSnapshotEntity } from './ranking-snapshot.entity';
import { RankingSnapshotsService } from './ranking-snapshots.service';
import { RankingService } from './ranking.service';
import {
  CreateScoringModelInput,
  FreezeRankingInput,
  DeleteRankingSnapshotInput,
  PublishRankingSnapshotInput,
  RankingInput,
  WhatIfRankingInput,
} from './ranking.inputs';
import {
  RankingPage,
  RankingSnapshot,
  RankingSnapshotConnection,
  ScoreExplanation,
  ScoringModelVersion,
  WhatIfRanking,
} from './ranking.model';
import { inputPaged, startAfter, toEntry, toModelVersion } from './ranking-resolver.mappers';
import { ScoringModelsService } from './scoring-models.service';

@Resolver()
export class RankingResolver {
  constructor(
    private readonly rankings: RankingService,
    private readonly snapshots: RankingSnapshotsService,
    private readonly frozen: FrozenRowsStore,
    private readonly models: ScoringModelsService,
    private readonly rows: RankingRowsReader,
    private readonly explaining: RankingExplainService,
  ) {}

  @Query(() => [ScoringModelVersion], {
    description: 'Stored scoring model versions, newest first',
  })
  @RequirePermission(Permission.RankingRead)
  async scoringModels(): Promise<ScoringModelVersion[]> {
    return (await this.models.list()).map(toModelVersion);
  }

  @Mutation(() => ScoringModelVersion, {
    description: 'Stores a new scoring model version (validated; nothing saved on error)',
  })
  @RequirePermission(Permission.RankingManage)
  async createScoringModel(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateScoringModelInput,
  ): Promise<ScoringModelVersion> {
    return toModelVersion(await this.models.create(actor, input.definition));
  }

  @Query(() => RankingPage, {
    description:
      'Organizations of a round and region subtree (optionally one peer group) by score, best first; ties share a rank. departmentType, flag and search narrow the list without changing ranks.',
    complexity: inputPaged,
  })
  @RequirePermission(Permission.RankingRead)
  async ranking(
    @CurrentActor() actor: Actor,
    @Args('input') input: RankingInput,
  ): Promise<RankingPage> {
    const page = pageOf({ first: input.first, after: input.after }, CURSOR_BY_TEXT, 'input.after');
    if (input.fromEnd && input.after)
      throw badInput('input.fromEnd', 'reads the last places; it cannot follow a cursor', {
        key: 'ranking.fromEndWithCursor',
      });
    if (input.snapshotId) {
      const snapshot = await this.snapshots.get(actor, input.snapshotId);
      if (snapshot.roundId !== input.roundId)
        throw badInput('input.snapshotId', 'the snapshot belongs to another round', {
          key: 'ranking.snapshotOtherRound',
        });
      const model = await this.models.resolve(snapshot.scoringModelId);
      const indicators = this.rankings.indicatorColumnsOf(model.definition);
      const { rows, totalCount } = await this.frozen.page(snapshot.id, input, {
        after: page.after?.id ?? null,
        fromEnd: input.fromEnd ?? false,
        limit: page.limit,
      });
      const connection = toConnection(
        rows.map((row) => toEntry(row, indicators)),
        page,
        (entry) => ({ k: snapshot.id, id: entry.organizationId }),
        totalCount,
      );
      return {
        ...connection,
        roundId: snapshot.roundId,
        regionId: snapshot.regionId,
        snapshotId: snapshot.id,
        model: toModelVersion(model),
        asOf: snapshot.asOf.toISOString(),
        rankedCount: snapshot.rankedCount,
        populationCount: snapshot.entryCount,
        indicators,
      };
    }
    const fromEnd = input.fromEnd ?? false;
    const found = await this.rows.page(actor, input, {
      first: fromEnd ? page.limit : page.limit + 1,
      afterOrganizationId: page.after?.id ?? null,
      fromEnd,
    });
    const indicators = this.rankings.indicatorColumnsOf(found.model.definition);
    const connection = toConnection(
      found.rows.map((row) => toEntry(row, indicators)),
      page,
      (entry) => ({ k: 'sql', id: entry.organizationId }),
      found.totalCount,
    );
    return {
      ...connection,
      roundId: input.roundId,
      regionId: input.regionId,
      snapshotId: null,
      model: toModelVersion(found.model),
      asOf: found.asOf,
      rankedCount: found.rankedCount,
      populationCount: found.populationCount,
      indicators,
    };
  }

  @Query(() => ScoreExplanation, {
    description: "An organization's score as indicator contributions that add up to it",
  })
  @RequirePermission(Permission.RankingRead)
  async scoreExplanation(
    @CurrentActor() actor: Actor,
    @Args('roundId', { type: () => ID }) roundId: string,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('modelId', { type: () => ID, nullable: true }) modelId?: string | null,
  ): Promise<ScoreExplanation> {
    const { explanation, organizationName, asOf } = await this.explaining.explanation(actor, {
      roundId,
      organizationId,
      modelId: modelId ?? null,
    });
    return {
      organizationId: explanation.organizationId,
      organizationName,
      modelId: explanation.modelId,
      modelVersion: explanation.modelVersion,
      asOf,
      score: explanation.score,
      unrankedReason: explanation.unranked,
      contributions: explanation.contributions.map((c) => ({
        indicatorId: c.indicatorId,
        labelZh: c.labelZh,
        labelEn: c.labelEn,
        status: c.status,
        raw: c.raw,
        unitZh: c.unitZh,
        normalised: c.normalised,
        weight: c.weight,
        maxPoints: c.maxPoints,
        points: c.points,
      })),
    };
  }

  @Query(() => WhatIfRanking, {
    description:
      'The ranking re-computed with other weights (computed, not saved); bad weights are BAD_USER_INPUT with the path of each',
    complexity: inputPaged,
  })
  @RequirePermission(Permission.RankingRead)
  async whatIfRanking(
    @CurrentActor() actor: Actor,
    @Args('input') input: WhatIfRankingInput,
  ): Promise<WhatIfRanking> {
    const page = pageOf({ first: input.first, after: input.after }, CURSOR_BY_TEXT, 'input.after');
    const { rows, movedCount, weights } = await this.explaining.whatIf(actor, input);
    const start = startAfter(
      rows.length,
      (q) => (rows[q] as (typeof rows)[number]).organizationId,
      page.after?.id ?? null,
    );
    return {
      entries: rows.slice(start, start + page.limit).map((row) => ({
        organizationId: row.organizationId,
        organizationName: row.organizationName,
        rank: row.rank,
        tied: row.tied,
        score: row.score,
        baseRank: row.baseRank,
        baseScore: row.baseScore,
        rankDelta: row.baseRank !== null && row.rank !== null ? row.baseRank - row.rank : null,
      })),
      totalCount: rows.length,
      movedCount,
      weights: [...weights].map(([indicatorId, weight]: [IndicatorId, number]) => ({
        indicatorId,
        weight,
      })),
    };
  }

  @Query(() => RankingSnapshotConnection, {
    description: 'Frozen rankings of a round, newest first',
  })
  @RequirePermission(Permission.RankingRead)
  rankingSnapshots(
    @CurrentActor() actor: Actor,
    @Args('roundId', { type: () => ID }) roundId: string,
    @Args('regionId', { type: () => ID, nullable: true }) regionId?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<Connection<RankingSnapshotEntity>> {
    return this.snapshots.list(
      actor,
      { roundId, regionId: regionId ?? null },
      pageOf({ first, after }, CURSOR_BY_TIME),
    );
  }

  @Mutation(() => RankingSnapshot, {
    description:
      'Freezes the ranking as it stands (model version, every input, the result). A population with nobody to rank is refused.',
  })
  @RequirePermission(Permission.RankingManage)
  freezeRanking(
    @CurrentActor() actor: Actor,
    @Args('input') input: FreezeRankingInput,
  ): Promise<RankingSnapshotEntity> {
    return this.snapshots.freeze(actor, input);
  }

  @Mutation(() => RankingSnapshot, {
    description: 'Publishes a frozen ranking; it never changes afterwards',
  })
  @RequirePermission(Permission.RankingManage)
  publishRankingSnapshot(
    @CurrentActor() actor: Actor,
    @Args('input') input: PublishRankingSnapshotInput,
  ): Promise<RankingSnapshotEntity> {
    return this.snapshots.publish(actor, input.snapshotId);
  }

  @Mutation(() => RankingSnapshot, {
    description:
      'Deletes a snapshot that was never published, with its rows (a published one is refused); returns what was deleted',
  })
  @RequirePermission(Permission.RankingManage)
  deleteRankingSnapshot(
    @CurrentActor() actor: Actor,
    @Args('input') input: DeleteRankingSnapshotInput,
  ): Promise<RankingSnapshotEntity> {
    return this.snapshots.delete(actor, input.snapshotId);
  }
}

@Resolver(() => RankingSnapshot)
export class RankingSnapshotResolver {
  constructor(
    private readonly snapshots: RankingSnapshotsService,
    private readonly models: ScoringModelsService,
  ) {}

  @ResolveField(() => Boolean, {
    description: 'The data has changed since the snapshot was frozen (the snapshot itself has not)',
  })
  @FieldPermission(Permission.RankingRead)
  async stale(snapshot: RankingSnapshotEntity): Promise<boolean> {
    return (await this.snapshots.stale(snapshot)).stale;
  }

  @ResolveField(() => String, { nullable: true, description: 'What changed since it was frozen' })
  @FieldPermission(Permission.RankingRead)
  async staleReason(snapshot: RankingSnapshotEntity): Promise<string | null> {
    return (await this.snapshots.stale(snapshot)).staleReason;
  }

  @ResolveField(() => ScoringModelVersion)
  @FieldPermission(Permission.RankingRead)
  async model(snapshot: RankingSnapshotEntity): Promise<ScoringModelVersion> {
    return toModelVersion(await this.models.resolve(snapshot.scoringModelId));
  }
}
