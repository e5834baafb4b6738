import {
  boardOfRows,
  FLAG_CATALOGUE,
  rowContributionPoints,
  type Flag,
  type MeasuredRow,
  type MeasurementStatus,
  type ScoringModel,
} from '@gongkai/scoring';
import { toShanghaiIso } from '@gongkai/report-model';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor';
import { badInput, conflict } from '../../common/domain-error';
import type { OrganizationEntity } from '../organizations';
import type { RoundEntity } from '../rounds';
import { pageSql, type StoredPopulation, type StoredResult } from './ranking-results.store';
import type { RankingRow } from './ranking-row';
import { RankingService, type DisplayFilter, type RankingScope } from './ranking.service';
import { subtreePattern } from './ranking.sql';
import { RESULT_FLAGS, type ResultFlagsPort } from './result-flags.port';
import type { ScoringModelEntity } from './scoring-model.entity';
import { ScoringModelsService } from './scoring-models.service';

/** Rows an export reads from the stored result per round trip (a keyset page). */
export const ROW_CURSOR_BATCH = 2000;

/** Package status names by the codes stored in `ranking_result_rows.statuses`. */
const STATUS_NAMES: readonly MeasurementStatus[] = ['value', 'notApplicable', 'missing'];

/** A ranking row with its place in the filtered list (keyset of the next page). */
export type PositionedRow = RankingRow & { readonly listPosition: number };

/** One page of a population's ranking rows read from the round's stored result. */
export type RowsPage = {
  readonly rows: PositionedRow[];
  /** Organizations that pass the display filters. */
  readonly totalCount: number;
  readonly populationCount: number;
  readonly rankedCount: number;
  readonly previousSnapshotId: string | null;
  readonly model: ScoringModelEntity;
  /** The scoring instant of the stored result, Asia/Shanghai ISO. */
  readonly asOf: string;
  readonly resultId: string;
};

/** What a population's pages are read from: resolved once, then paged. */
export type RowsSource = {
  readonly round: RoundEntity;
  readonly region: OrganizationEntity;
  readonly model: ScoringModelEntity;
  readonly result: StoredResult;
  readonly previousSnapshotId: string | null;
  readonly scope: RankingScope & DisplayFilter;
};

type PageRow = {
  organization_id: string | null;
  name: string;
  kind: string | null;
  region_name: string | null;
  peer_group: string;
  status: string | null;
  first_submitted_ms: number | null;
  population_count: number;
  ranked_count: number;
  total_count: number;
  after_position: number | null;
  as_of_ms: number;
  score: number | null;
  rank: number | null;
  tied: boolean;
  list_position: number;
  previous_rank: number | null;
  /** PostgreSQL's text of the arrays (`{0,2}`, `{1.5,NULL}`), parsed by `numbersOf`. */
  statuses: string | null;
  raws: string | null;
  norms: string | null;
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

/** The numbers of a one-dimensional PostgreSQL array's text (`NULL` elements as null). */
export function numbersOf(text: string | null): (number | null)[] {
  if (text === null || text.length <= 2) return [];
  const parts = text.slice(1, -1).split(',');
  const out: (number | null)[] = new Array<number | null>(parts.length);
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i] as string;
    out[i] = part === 'NULL' ? null : Number(part);
  }
  return out;
}

/** The points of stored rows, computed by the package on a board of just these rows. */
export function pointsOfStored(
  model: ScoringModel,
  rows: readonly {
    organizationId: string;
    peerGroup: string;
    statuses: readonly number[];
    raws: readonly (number | null)[];
    norms: readonly (number | null)[];
  }[],
  asOf: Date,
): (number | null)[][] {
  const board = boardOfRows(model, rows.map(measuredOf), { asOf: asOf.toISOString() });
  return rows.map((_, i) => rowContributionPoints(board, i));
}

/** A stored row's measurements as the package's `MeasuredRow`. */
export function measuredOf(row: {
  organizationId: string;
  peerGroup: string;
  statuses: readonly number[];
  raws: readonly (number | null)[];
  norms: readonly (number | null)[];
}): MeasuredRow {
  return {
    organizationId: row.organizationId,
    peerGroup: row.peerGroup,
    status: row.statuses.map((code) => STATUS_NAMES[code] ?? 'notApplicable'),
    raw: row.raws,
    normalised: row.norms,
  };
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
   * The population's rows in rank order (with the display filters), read in keyset pages of
   * `batch` from one stored result: what an export streams. A result replaced while it is read
   * ends the stream with a conflict rather than a shorter list.
   */
  async *rows(source: RowsSource, batch = ROW_CURSOR_BATCH): AsyncGenerator<RankingRow> {
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
    const { round, region, scope, result, model } = source;
    const population: StoredPopulation =
      region.id !== round.scopeOrganizationId ? 'subtree' : scope.peerGroup ? 'peerGroup' : 'round';
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
    const points = pointsOfStored(
      model.definition,
      found.map((row) => ({
        organizationId: row.organization_id,
        peerGroup: row.peer_group,
        statuses: numbersOf(row.statuses) as number[],
        raws: numbersOf(row.raws),
        norms: numbersOf(row.norms),
      })),
      asOf,
    );
    return {
      rows: found.map((row, i): PositionedRow => ({
        organizationId: row.organization_id,
        organizationName: row.name,
        regionName: row.region_name,
        peerGroup: row.peer_group,
        departmentType: row.kind,
        rank: row.rank,
        tied: row.tied,
        score: row.score,
        points: points[i] as (number | null)[],
        flags: (flags.get(row.organization_id) ?? []).map((item) => ({
          id: item.id,
          severity: item.severity,
          labelZh: FLAG_CATALOGUE[item.id].labelZh,
        })),
        status: row.status,
        firstSubmittedAt:
          row.first_submitted_ms === null ? null : toShanghaiIso(row.first_submitted_ms),
        previousRank: row.previous_rank,
        rankChange:
          row.rank !== null && row.previous_rank !== null ? row.previous_rank - row.rank : null,
        listPosition: row.list_position,
      })),
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
