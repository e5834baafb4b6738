import { INDICATOR_CATALOGUE, type IndicatorId, type RankedEntry } from '@gongkai/scoring';
import {
  Args,
  ID,
  Info,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { toShanghaiIso } from '@gongkai/report-model';
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import type { Actor } from '../../common/actor';
import { badInput } from '../../common/domain-error';
import {
  type Connection,
  CURSOR_BY_TEXT,
  CURSOR_BY_TIME,
  DEFAULT_PAGE,
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
import type { IndicatorColumn, RankingRow } from './ranking-row';
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
  RankingEntry,
  RankingPage,
  RankingSnapshot,
  RankingSnapshotConnection,
  ScoreExplanation,
  ScoringModelVersion,
  WhatIfRanking,
} from './ranking.model';
import type { ScoringModelEntity } from './scoring-model.entity';
import { ScoringModelsService } from './scoring-models.service';

/** Complexity of a query paged through `input.first`: page size × the cost of one item. */
export const inputPaged = ({
  args,
  childComplexity,
}: {
  args: { input?: { first?: number | null } };
  childComplexity: number;
}): number => 1 + (args.input?.first ?? DEFAULT_PAGE) * Math.max(childComplexity, 1);

export function toModelVersion(entity: ScoringModelEntity): ScoringModelVersion {
  const model = entity.definition;
  return {
    id: entity.id,
    modelId: entity.modelId,
    version: entity.version,
    titleZh: model.titleZh,
    titleEn: model.titleEn,
    publishedOn: model.publishedOn,
    indicators: model.indicators.map((entry) => ({
      indicatorId: entry.indicatorId,
      labelZh: INDICATOR_CATALOGUE[entry.indicatorId].labelZh,
      labelEn: INDICATOR_CATALOGUE[entry.indicatorId].labelEn,
      weight: entry.weight,
      direction: entry.direction,
      normalisation: entry.normalisation,
    })),
    definition: model,
    createdAt: entity.createdAt,
  };
}

function toEntry(row: RankingRow, indicators: readonly IndicatorColumn[]): RankingEntry {
  return {
    organizationId: row.organizationId,
    organizationName: row.organizationName,
    regionName: row.regionName,
    peerGroup: row.peerGroup,
    departmentType: row.departmentType,
    rank: row.rank,
    tied: row.tied,
    score: row.score,
    subScores: indicators.map((indicator, j) => ({
      indicatorId: indicator.indicatorId,
      points: row.points[j] ?? null,
    })),
    flags: row.flags.map((flag) => ({ ...flag })),
    status: row.status,
    firstSubmittedAt: row.firstSubmittedAt,
    previousRank: row.previousRank,
    rankChange: row.rankChange,
  };
}

/** Fields of a ranking entry that the stored population result serves (`rankingPageInSql`). */
const SQL_ENTRY_FIELDS = new Set([
  '__typename',
  'organizationId',
  'organizationName',
  'peerGroup',
  'departmentType',
  'rank',
  'tied',
  'score',
  'previousRank',
  'rankChange',
]);

/** Names of the fields of a selection set; null when it has fragments (not looked into). */
function fieldNames(
  set: SelectionSetNode | undefined,
): Map<string, SelectionSetNode | undefined> | null {
  const names = new Map<string, SelectionSetNode | undefined>();
  for (const selection of set?.selections ?? []) {
    if (selection.kind !== 'Field') return null;
    names.set(selection.name.value, selection.selectionSet);
  }
  return names;
}

/**
 * Whether a live ranking page can be read from the stored population result: no flag filter, no
 * page from the end, and no entry field beyond rank, score, tie, names and last year's rank
 * (flags, points, status and region names still come from the board).
 */
function servedBySql(input: RankingInput, info: GraphQLResolveInfo): boolean {
  if (input.flag || input.fromEnd) return false;
  for (const node of info.fieldNodes) {
    const page = fieldNames(node.selectionSet);
    if (!page) return false;
    if (!page.has('edges')) continue;
    const edge = fieldNames(page.get('edges'));
    if (!edge) return false;
    if (!edge.has('node')) continue;
    const entry = fieldNames(edge.get('node'));
    if (!entry || [...entry.keys()].some((name) => !SQL_ENTRY_FIELDS.has(name))) return false;
  }
  return true;
}

/** After the cursor's organization, or from the start (offset cursors for computed lists). */
function startAfter(
  length: number,
  idAt: (position: number) => string,
  after: string | null,
): number {
  if (after === null) return 0;
  for (let q = 0; q < length; q += 1) if (idAt(q) === after) return q + 1;
  throw badInput('input.after', 'the cursor names an organization not in this list', {
    key: 'common.badCursor',
  });
}

@Resolver()
export class RankingResolver {
  constructor(
    private readonly rankings: RankingService,
    private readonly snapshots: RankingSnapshotsService,
    private readonly frozen: FrozenRowsStore,
    private readonly models: ScoringModelsService,
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
    @Info() info: GraphQLResolveInfo,
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
    if (servedBySql(input, info)) {
      const asOf = new Date();
      const found = await this.rankings.rankingPageInSql(
        actor,
        input,
        { first: page.limit + 1, afterOrganizationId: page.after?.id ?? null },
        asOf,
      );
      const model = await this.models.resolve(input.modelId);
      const connection = toConnection(
        found.rows.map((row): RankingEntry => ({
          organizationId: row.organizationId,
          organizationName: row.organizationName,
          regionName: null,
          peerGroup: row.peerGroup,
          departmentType: row.departmentType,
          rank: row.rank,
          tied: row.tied,
          score: row.score,
          subScores: [],
          flags: [],
          status: null,
          firstSubmittedAt: null,
          previousRank: row.previousRank,
          rankChange: row.rankChange,
        })),
        page,
        (entry) => ({ k: 'sql', id: entry.organizationId }),
        found.totalCount,
      );
      return {
        ...connection,
        roundId: input.roundId,
        regionId: input.regionId,
        snapshotId: null,
        model: toModelVersion(model),
        asOf: toShanghaiIso(asOf.getTime()),
        rankedCount: found.rankedCount,
        populationCount: found.populationCount,
        indicators: this.rankings.indicatorColumnsOf(model.definition),
      };
    }
    const live = await this.rankings.live(actor, input);
    const indicators = this.rankings.indicatorColumns(live.built);
    const entries = this.rankings.filterEntries(live.built, live.entries, input);
    const refs = live.built.refs;
    const start = input.fromEnd
      ? Math.max(0, entries.length - page.limit)
      : startAfter(
          entries.length,
          (q) => refs.organizationId(entries.row(q)),
          page.after?.id ?? null,
        );
    const connection = toConnection(
      entries
        .slice(start, start + page.limit + 1)
        .map((entry) => toEntry(this.rankings.toRow(live.built, entry), indicators)),
      page,
      (entry) => ({ k: live.built.buildId, id: entry.organizationId }),
      entries.length,
    );
    return {
      ...connection,
      roundId: live.round.id,
      regionId: live.region.id,
      snapshotId: null,
      model: toModelVersion(live.model),
      asOf: live.built.asOf,
      rankedCount: live.entries.rankedCount,
      populationCount: live.entries.length,
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
    const { explanation, organizationName, asOf } = await this.rankings.explanation(actor, {
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
    const { live, entries, weights } = await this.rankings.whatIf(actor, input);
    const base = new Map<number, RankedEntry>();
    for (const entry of live.entries) base.set(entry.row, entry);
    const refs = live.built.refs;
    let moved = 0;
    for (const entry of entries) if (base.get(entry.row)?.rank !== entry.rank) moved += 1;
    const start = startAfter(
      entries.length,
      (q) => refs.organizationId((entries[q] as RankedEntry).row),
      page.after?.id ?? null,
    );
    return {
      entries: entries.slice(start, start + page.limit).map((entry) => {
        const before = base.get(entry.row);
        const baseRank = before?.rank ?? null;
        return {
          organizationId: refs.organizationId(entry.row),
          organizationName: refs.organizationName(entry.row),
          rank: entry.rank,
          tied: entry.tied,
          score: entry.score,
          baseRank,
          baseScore: before?.score ?? null,
          rankDelta: baseRank !== null && entry.rank !== null ? baseRank - entry.rank : null,
        };
      }),
      totalCount: entries.length,
      movedCount: moved,
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
  async stale(@Parent() snapshot: RankingSnapshotEntity): Promise<boolean> {
    return (await this.snapshots.stale(snapshot)).stale;
  }

  @ResolveField(() => String, { nullable: true, description: 'What changed since it was frozen' })
  @FieldPermission(Permission.RankingRead)
  async staleReason(@Parent() snapshot: RankingSnapshotEntity): Promise<string | null> {
    return (await this.snapshots.stale(snapshot)).staleReason;
  }

  @ResolveField(() => ScoringModelVersion)
  @FieldPermission(Permission.RankingRead)
  async model(@Parent() snapshot: RankingSnapshotEntity): Promise<ScoringModelVersion> {
    return toModelVersion(await this.models.resolve(snapshot.scoringModelId));
  }
}
