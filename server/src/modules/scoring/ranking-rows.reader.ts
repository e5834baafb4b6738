import type { Flag } from '@gongkai/scoring';
import { toShanghaiIso } from '@gongkai/report-model';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor';
import { badInput, conflict } from '../../common/domain-error';
import type { OrganizationRow } from '../organizations';
import type { RoundRow } from '../rounds';
import { pageSql, type StoredPopulation, type StoredResult } from './ranking-results.store';
import type { RankingRow } from './ranking-row';
import { RankingService, type DisplayFilter, type RankingScope } from './ranking.service';
import { toRankingRows, type PositionedRow } from './ranking-rows.mapping';
import { plannedRankingRows, type RankingRowsPlan } from './ranking-rows.plan';
import type { StreamRow } from './ranking-rows.stream';
import { subtreePattern } from './ranking.sql';
import { RESULT_FLAGS, type ResultFlagsPort } from './result-flags.port';
import type { ScoringModelRow } from './scoring-model.entity';
import { ScoringModelsService } from './scoring-models.service';

/** Rows an export or a freeze reads from the stored result per FETCH (or keyset page). */
export const ROW_CURSOR_BATCH = 500;

export { measuredOf, numbersOf, pointsOfStored } from './ranking-rows.mapping';
export type { PositionedRow } from './ranking-rows.mapping';

/** One page of a population's ranking rows read from the round's stored result. */
export type RowsPage = {
  readonly rows: PositionedRow[];
  /** Organizations that pass the display filters. */
  readonly totalCount: number;
  readonly populationCount: number;
  readonly rankedCount: number;
  readonly previousSnapshotId: string | null;
  readonly model: ScoringModelRow;
  /** The scoring instant of the stored result, Asia/Shanghai ISO. */
  readonly asOf: string;
  readonly resultId: string;
};

/** What a population's pages are read from: resolved once, then paged. */
export type RowsSource = {
  readonly round: RoundRow;
  readonly region: OrganizationRow;
  readonly model: ScoringModelRow;
  readonly result: StoredResult;
  readonly previousSnapshotId: string | null;
  readonly scope: RankingScope & DisplayFilter;
};

type PageRow = Omit<StreamRow, 'organization_id' | 'flag_list'> & {
  organization_id: string | null;
  population_count: number;
  ranked_count: number;
  total_count: number;
  after_position: number | null;
  as_of_ms: number;
};

/**
 * A page of `pageSql` as the reader wants it from the driver: instants as epoch milliseconds
 * (floored, as the driver's `Date` would hold them) and the measurement arrays as text, so that
 * a page of 2,000 rows is parsed with one `split` per array rather than the driver's per-element
 * array parser and a `Date` per timestamp.
 */
function slimPageSql(inner: string): string {
  return `
SELECT q.organization_id, q.name, q.kind, q.region_name, q.peer_group, q.status,
       floor(extract(epoch FROM q.first_submitted_at) * 1000)::float8 AS first_submitted_ms,
       q.population_count, q.ranked_count, q.total_count, q.after_position,
       floor(extract(epoch FROM q.as_of) * 1000)::float8 AS as_of_ms,
       q.score, q.rank, q.tied, q.list_position, q.previous_rank,
       q.statuses::text AS statuses, q.raws::text AS raws, q.norms::text AS norms
  FROM (${inner}) q
 ORDER BY q.list_position`;
}

/**
 * Every field of a live ranking's rows read from the round's stored result
 * (`RankingResultsStore`): ranks, ties and scores of the population, names, region names,
 * department types, submission status and first submission, last year's rank, and points per
 * indicator computed by `@gongkai/scoring` from the stored measurements. Flags come through
 * `ResultFlagsPort` when one is bound; without it rows have none and a flag filter is refused.
 */
@Injectable()
export class RankingRowsReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rankings: RankingService,
    private readonly models: ScoringModelsService,
    @Optional()
    @Inject(RESULT_FLAGS)
    private readonly flags: ResultFlagsPort | null = null,
  ) {}

  /** Resolves (and checks access to) a population and its current stored result. */
  async source(
    actor: Actor,
    scope: RankingScope & DisplayFilter,
    asOf: Date = new Date(),
  ): Promise<RowsSource> {
    if (scope.flag && !this.flags)
      throw badInput('input.flag', 'flags cannot filter this ranking', {
        key: 'ranking.flagFilterUnavailable',
      });
    const { round, region, roundScope } = await this.rankings.resolveScope(actor, scope);
    const model = await this.models.resolve(scope.modelId);
    const [result, previousSnapshotId] = await Promise.all([
      this.rankings.resultOfRound(round, roundScope, model, asOf),
      this.rankings.previousSnapshotId(round, region.id, scope.peerGroup ?? null),
    ]);
    return { round, region, model, result, previousSnapshotId, scope };
  }

  /**
   * One page: after an organization (a cursor; badInput when it is not in the filtered list)
   * or a list position, or the last places (`fromEnd`). A result replaced meanwhile (a change
   * in the round) is looked up again.
   */
  async page(
    actor: Actor,
    scope: RankingScope & DisplayFilter,
    page: {
      first: number;
      afterOrganizationId?: string | null;
      afterPosition?: number | null;
      fromEnd?: boolean;
    },
    asOf: Date = new Date(),
  ): Promise<RowsPage> {
    for (let attempt = 0; ; attempt += 1) {
      const source = await this.source(actor, scope, asOf);
      const found = await this.read(source, page);
      if (found || attempt >= 2) return found ?? this.replaced();
    }
  }

  /**
   * The population's rows in rank order (with the display filters), in batches of `batch`, from
   * one stored result: what an export streams and a freeze stores. Without display filters
   * (exports, freezes) one statement reads them all through a cursor (`streamSql`); with them,
   * keyset pages. A result replaced while it is read ends the stream with a conflict rather than
   * a shorter list.
   */
  async *rows(source: RowsSource, batch = ROW_CURSOR_BATCH): AsyncGenerator<RankingRow> {
    const { scope } = source;
    if (!scope.departmentType && !scope.search?.trim() && !scope.flag) {
      yield* this.streamed(source, batch);
      return;
    }
    // the next page is asked for while this one is written (the database works alongside)
    const next = (after: number): Promise<RowsPage | null> => {
      const read = this.read(source, { first: batch, afterPosition: after });
      read.catch(() => undefined); // awaited below; not unhandled when the reader stops early
      return read;
    };
    let pending: Promise<RowsPage | null> | null = next(0);
    while (pending) {
      const found: RowsPage | null = await pending;
      if (!found) this.replaced();
      const last = found.rows.at(-1);
      pending = found.rows.length < batch || !last ? null : next(last.listPosition);
      for (const row of found.rows) {
        const { listPosition: _position, ...rankingRow } = row;
        yield rankingRow;
      }
    }
  }

  /**
   * The rows of a population without display filters as plain data a thread of its own can
   * read (`plannedRankingRows`): one statement through a cursor, the flags from the same
   * snapshot.
   */
  plan(source: RowsSource, batch = ROW_CURSOR_BATCH): RankingRowsPlan {
    const { result, model } = source;
    return {
      kind: 'result',
      resultId: result.id,
      population: this.populationOf(source),
      params: [
        result.id,
        subtreePattern(source.region.path),
        source.scope.peerGroup ?? null,
        source.previousSnapshotId,
      ],
      flagListSql: this.flags ? this.flags.flagListSql('$1', 'p.organization_id') : null,
      model: { definition: model.definition },
      asOf: result.asOf,
      batch,
    };
  }

  private streamed(source: RowsSource, batch: number): AsyncGenerator<RankingRow> {
    return plannedRankingRows(this.dataSource, this.plan(source, batch));
  }

  /** Whether rows carry the result's flags (a flags store is bound). */
  get hasFlags(): boolean {
    return this.flags !== null;
  }

  /** Which stored ranks a source's population reads (see `StoredPopulation`). */
  populationOf(source: RowsSource): StoredPopulation {
    const { round, region, scope } = source;
    return region.id !== round.scopeOrganizationId
      ? 'subtree'
      : scope.peerGroup
        ? 'peerGroup'
        : 'round';
  }

  /** How many organizations the source's population has, and how many of them have a rank. */
  async counts(source: RowsSource): Promise<{ count: number; rankedCount: number }> {
    const found = await this.read(source, { first: 1 });
    if (!found) this.replaced();
    return { count: found.populationCount, rankedCount: found.rankedCount };
  }

  private replaced(): never {
    throw conflict('the ranking changed while it was read; try again', {
      key: 'ranking.resultReplaced',
    });
  }

  /** One page of `source`; null when its result has been replaced. */
  private async read(
    source: RowsSource,
    page: {
      first: number;
      afterOrganizationId?: string | null;
      afterPosition?: number | null;
      fromEnd?: boolean;
    },
  ): Promise<RowsPage | null> {
    const { region, scope, result, model } = source;
    const population = this.populationOf(source);
    const flag = scope.flag ?? null;
    const search = scope.search?.trim() || null;
    const sql = slimPageSql(
      pageSql(population, {
        filtered: Boolean(scope.departmentType) || search !== null || flag !== null,
        fromEnd: page.fromEnd ?? false,
        flagCondition: flag !== null && this.flags ? this.flags.hasFlagSql('fl', '$10') : null,
      }),
    );
    const rows = (await this.dataSource.query(sql, [
      result.id,
      subtreePattern(region.path),
      scope.peerGroup ?? null,
      source.previousSnapshotId,
      scope.departmentType ?? null,
      search,
      page.afterPosition ?? 0,
      page.first,
      page.afterOrganizationId ?? null,
      flag,
    ])) as PageRow[];
    const head = rows[0];
    if (!head) return null;
    if (head.after_position === null && !page.fromEnd)
      throw badInput('input.after', 'the cursor names an organization not in this list', {
        key: 'common.badCursor',
      });
    const found = rows.filter(
      (row): row is PageRow & { organization_id: string } => row.organization_id !== null,
    );
    const ids = found.map((row) => row.organization_id);
    const flags: ReadonlyMap<string, readonly Flag[]> =
      this.flags && ids.length > 0 ? await this.flags.flagsOf(result.id, ids) : new Map();
    const asOf = new Date(head.as_of_ms);
    return {
      rows: toRankingRows(model, found, flags, asOf),
      totalCount: head.total_count,
      populationCount: head.population_count,
      rankedCount: head.ranked_count,
      previousSnapshotId: source.previousSnapshotId,
      model,
      asOf: toShanghaiIso(asOf.getTime()),
      resultId: result.id,
    };
  }
}
