import { INDICATOR_CATALOGUE, type ScoringModel } from '@gongkai/scoring';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, inScope } from '../../common/actor';
import { badInput, forbidden } from '../../common/domain-error';
import { isUuid } from '../../common/uuid';
import { type OrganizationRow, OrganizationsService } from '../organizations';
import { type RoundRow, RoundsService } from '../rounds';
import { pageSql, RankingResultsStore, type StoredResult } from './ranking-results.store';
import type { IndicatorColumn } from './ranking-row';
import type { ScoringModelRow } from './scoring-model.entity';
import { ScoringModelsService } from './scoring-models.service';
import { ROSTER_SUMMARY_PROVIDER, type RosterSummaryProvider } from './scoring-source.reader';
import { rankingSql, roundSourceSql, subtreePattern } from './ranking.sql';
import { readRosterMeasures, rosterReading, type RosterMeasure } from './roster-measures';

/** Which ranking: round, region subtree, optional peer group and model. */
export type RankingScope = {
  readonly roundId: string;
  readonly regionId: string;
  readonly peerGroup?: string | null;
  readonly modelId?: string | null;
};

/** Filters that narrow the list without changing anyone's rank. */
export type DisplayFilter = {
  readonly departmentType?: string | null;
  readonly flag?: string | null;
  readonly search?: string | null;
};

export type WeightInput = { readonly indicatorId: string; readonly weight: number };

/** One organization of a population ranked by PostgreSQL (`ranking.sql.ts`). */
export type SqlRankedRow = {
  readonly organizationId: string;
  readonly score: number | null;
  readonly rank: number | null;
  readonly tied: boolean;
  readonly listPosition: number;
};

/** A page of a population ranked in SQL, with last year's ranks and the display filters. */
export type SqlRankingPage = {
  readonly rows: (SqlRankedRow & {
    readonly organizationName: string;
    readonly departmentType: string | null;
    readonly peerGroup: string;
    readonly previousRank: number | null;
    readonly rankChange: number | null;
  })[];
  /** Organizations that pass the filters. */
  readonly totalCount: number;
  /** Organizations of the population (before the filters), and those with a rank. */
  readonly populationCount: number;
  readonly rankedCount: number;
  readonly previousSnapshotId: string | null;
};

/** `work_mem` of a ranking statement. */
const RANKING_WORK_MEM = '64MB';

/** Rankings computed by PostgreSQL over the stored scoring inputs, and the stored results. */
@Injectable()
export class RankingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly models: ScoringModelsService,
    private readonly rounds: RoundsService,
    private readonly organizations: OrganizationsService,
    private readonly results: RankingResultsStore,
    @Optional()
    @Inject(ROSTER_SUMMARY_PROVIDER)
    private readonly roster: RosterSummaryProvider | null = null,
  ) {}

  // ---- scope --------------------------------------------------------------------------------

  /** The round and region, after checking the actor may see the region. */
  async resolveScope(
    actor: Actor,
    scope: { roundId: string; regionId: string },
  ): Promise<{ round: RoundRow; region: OrganizationRow; roundScope: OrganizationRow }> {
    if (!isUuid(scope.roundId))
      throw badInput('input.roundId', 'not a round id', { key: 'common.notAnId' });
    if (!isUuid(scope.regionId))
      throw badInput('input.regionId', 'not an organization id', { key: 'common.notAnId' });
    const round = await this.rounds.get(scope.roundId);
    const [region, roundScope] = await Promise.all([
      this.organizations.get(scope.regionId),
      this.organizations.get(round.scopeOrganizationId),
    ]);
    if (!inScope(actor, region))
      throw forbidden('the region is outside the area you supervise', {
        key: 'ranking.regionOutsideArea',
      });
    if (!region.path.startsWith(roundScope.path) && !roundScope.path.startsWith(region.path))
      throw badInput(
        'input.regionId',
        `the region is not part of the round's scope (${roundScope.name})`,
        { key: 'ranking.regionNotInRound', params: { scope: roundScope.name } },
      );
    return { round, region, roundScope };
  }

  /**
   * The population scored and ranked by one SQL statement over the stored scoring inputs,
   * in ranked order. Staffing from rosters is measured at query time
   * (roster summaries, `rosterStaffingMeasure`) and replaces the stored prose measure.
   */
  async rankedInSql(
    actor: Actor,
    scope: RankingScope,
    asOf: Date = new Date(),
  ): Promise<SqlRankedRow[]> {
    const { round, region, roundScope } = await this.resolveScope(actor, scope);
    const model = await this.models.resolve(scope.modelId);
    const rosterMeasures = await this.rosterMeasures(round.id, subtreePattern(roundScope.path));
    const rows = (await this.rankingQuery(rankingSql(model.definition, roundSourceSql()), [
      round.id,
      subtreePattern(region.path),
      scope.peerGroup ?? null,
      asOf,
      subtreePattern(roundScope.path),
      JSON.stringify(rosterMeasures),
    ])) as {
      organization_id: string;
      score: number | null;
      rank: number | null;
      tied: boolean;
      list_position: number;
    }[];
    return rows.map((row) => ({
      organizationId: row.organization_id,
      score: row.score,
      rank: row.rank,
      tied: row.tied,
      listPosition: row.list_position,
    }));
  }

  /**
   * One page of the population ranked in SQL, read from the round's stored result
   * (`RankingResultsStore`, computed first when there is no current one): last year's ranks
   * from the previous round's latest published snapshot of the same population, the display
   * filters (department type, search in the name) and the keyset (`afterPosition`, the list
   * position of the last row seen) applied by PostgreSQL, with the number of organizations
   * passing the filters.
   */
  async rankingPageInSql(
    actor: Actor,
    scope: RankingScope & DisplayFilter,
    page: {
      first: number;
      afterPosition?: number | null;
      /** Keyset by the last organization seen instead (a cursor); badInput when not listed. */
      afterOrganizationId?: string | null;
    },
    asOf: Date = new Date(),
  ): Promise<SqlRankingPage> {
    const resolved = await this.resolveScope(actor, scope);
    const { round, region } = resolved;
    const previous = await this.previousSnapshotId(round, region.id, scope.peerGroup ?? null);
    // a result deleted by a newer fill between finding it and reading it: find the newer one
    for (let attempt = 0; ; attempt += 1) {
      const result = await this.storedResult(actor, scope, asOf, resolved);
      const rows = (await this.dataSource.query(
        pageSql(
          region.id !== round.scopeOrganizationId
            ? 'subtree'
            : scope.peerGroup
              ? 'peerGroup'
              : 'round',
          Boolean(scope.departmentType) || Boolean(scope.search?.trim()),
        ),
        [
          result.id,
          subtreePattern(region.path),
          scope.peerGroup ?? null,
          previous,
          scope.departmentType ?? null,
          scope.search?.trim() || null,
          page.afterPosition ?? 0,
          page.first,
          page.afterOrganizationId ?? null,
          null,
        ],
      )) as {
        organization_id: string;
        name: string;
        kind: string | null;
        peer_group: string;
        population_count: number;
        ranked_count: number;
        after_position: number | null;
        score: number | null;
        rank: number | null;
        tied: boolean;
        list_position: number;
        previous_rank: number | null;
        total_count: number;
      }[];
      if (rows.length === 0 && attempt < 2) continue;
      if (rows[0]?.after_position === null)
        throw badInput('input.after', 'the cursor names an organization not in this list', {
          key: 'common.badCursor',
        });
      const totalCount = rows[0]?.total_count ?? 0;
      const found = rows.filter((row) => row.organization_id !== null);
      return {
        rows: found.map((row) => ({
          organizationId: row.organization_id,
          organizationName: row.name,
          departmentType: row.kind,
          peerGroup: row.peer_group,
          score: row.score,
          rank: row.rank,
          tied: row.tied,
          listPosition: row.list_position,
          previousRank: row.previous_rank,
          rankChange:
            row.rank !== null && row.previous_rank !== null ? row.previous_rank - row.rank : null,
        })),
        totalCount,
        populationCount: rows[0]?.population_count ?? 0,
        rankedCount: rows[0]?.ranked_count ?? 0,
        previousSnapshotId: previous,
      };
    }
  }

  /** The round's current stored result for the scope's model at `asOf` (computed if missing). */
  async storedResult(
    actor: Actor,
    scope: RankingScope,
    asOf: Date,
    resolved?: { round: RoundRow; roundScope: OrganizationRow },
  ): Promise<StoredResult> {
    const { round, roundScope } = resolved ?? (await this.resolveScope(actor, scope));
    return this.resultOfRound(round, roundScope, await this.models.resolve(scope.modelId), asOf);
  }

  /** A round's current stored result under a model at `asOf`, without an access check. */
  async resultOfRound(
    round: RoundRow,
    roundScope: OrganizationRow,
    model: ScoringModelRow,
    asOf: Date,
  ): Promise<StoredResult> {
    const roundScopePattern = subtreePattern(roundScope.path);
    return this.results.current({
      roundId: round.id,
      modelId: model.id,
      model: model.definition,
      roundScopePattern,
      asOf,
      rosters: rosterReading(this.dataSource, this.roster, round.id, roundScopePattern),
    });
  }

  /**
   * Runs a ranking statement with room for its sorts in memory (a national population sorts
   * ~35 MB several times; the default `work_mem` of 4 MB sends each sort to disk).
   */
  private rankingQuery(sql: string, parameters: unknown[]): Promise<unknown[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL work_mem = '${RANKING_WORK_MEM}'`);
      return (await manager.query(sql, parameters)) as unknown[];
    });
  }

  /** The previous round's latest published snapshot of the same population, if any. */
  async previousSnapshotId(
    round: RoundRow,
    regionId: string,
    peerGroup: string | null,
  ): Promise<string | null> {
    const found = (await this.dataSource.query(
      `SELECT s.id FROM ranking_snapshots s
         JOIN round_directory pr ON pr.id = s.round_id
        WHERE pr.scope_organization_id = $1 AND pr.year = $2
          AND s.region_id = $3 AND s.peer_group IS NOT DISTINCT FROM $4
          AND s.status = 'PUBLISHED'
        ORDER BY s.published_at DESC, s.id LIMIT 1`,
      [round.scopeOrganizationId, round.year - 1, regionId, peerGroup],
    )) as { id: string }[];
    return found[0]?.id ?? null;
  }

  /** Staffing measured from the rosters of a round's expected organizations that have one. */
  rosterMeasures(roundId: string, scopePattern: string): Promise<RosterMeasure[]> {
    return readRosterMeasures(this.dataSource, this.roster, roundId, scopePattern);
  }

  indicatorColumnsOf(model: ScoringModel): IndicatorColumn[] {
    return model.indicators.map((entry) => ({
      indicatorId: entry.indicatorId,
      labelZh: INDICATOR_CATALOGUE[entry.indicatorId].labelZh,
      labelEn: INDICATOR_CATALOGUE[entry.indicatorId].labelEn,
      weight: entry.weight,
    }));
  }
}
