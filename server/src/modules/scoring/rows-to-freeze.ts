import type { ScoringModel } from '@gongkai/scoring';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor';
import { badInput } from '../../common/domain-error';
import { cursorBatches } from '../../database/cursor';
import type { OrganizationRow } from '../organizations';
import type { RoundRow } from '../rounds';
import type { FrozenPoints } from './frozen-rows.store';
import { MEASURES_SQL } from './frozen-rows.sql';
import type { StoredPopulation } from './ranking-results.store';
import { numbersOf, pointsOfStored, type RankingRowsReader } from './ranking-rows.reader';
import type { RankingScope } from './ranking.service';
import { subtreePattern } from './ranking.sql';
import type { ScoringModelEntity } from './scoring-model.entity';

/** Members whose measurements are read per FETCH to compute their points. */
const POINTS_BATCH = 5000;

/** A population's ranking as a freeze reads it: what it is, how many, and its rows' points. */
export type RowsToFreeze = {
  readonly round: RoundRow;
  readonly region: OrganizationRow;
  readonly model: ScoringModelEntity;
  /** The scoring instant. */
  readonly asOf: Date;
  /** The previous round's published snapshot the rank changes come from. */
  readonly previousSnapshotId: string | null;
  /** Members of the population, and how many of them have a rank. */
  readonly count: number;
  readonly rankedCount: number;
  /** The stored result the rows are written from, and which of its populations. */
  readonly resultId: string;
  readonly population: StoredPopulation;
  readonly regionPattern: string;
  /** Every member's points, computed by `@gongkai/scoring` as they are read. */
  readonly points: AsyncIterable<FrozenPoints>;
};

/**
 * The one place a freeze reads the ranking from: the population's current stored result
 * (`RankingRowsReader`), whose rows the snapshot's are written from in PostgreSQL, and the
 * points of its members, which the package computes from the stored measurements (read through
 * a cursor, a batch at a time).
 */
export async function rowsToFreeze(
  dataSource: DataSource,
  reader: RankingRowsReader,
  actor: Actor,
  scope: RankingScope,
): Promise<RowsToFreeze> {
  const source = await reader.source(actor, scope);
  const { count, rankedCount } = await reader.counts(source);
  const regionPattern = subtreePattern(source.region.path);
  return {
    round: source.round,
    region: source.region,
    model: source.model,
    asOf: source.result.asOf,
    previousSnapshotId: source.previousSnapshotId,
    count,
    rankedCount,
    resultId: source.result.id,
    population: reader.populationOf(source),
    regionPattern,
    points: pointsOf(dataSource, source.model.definition, source.result.asOf, [
      source.result.id,
      regionPattern,
      scope.peerGroup ?? null,
    ]),
  };
}

/** The population a message names: the region, and the peer group when there is one. */
export function whereOf(regionName: string, peerGroup: string | null): string {
  return `${regionName}${peerGroup ? `（同类组 ${peerGroup}）` : ''}`;
}

/** Refuses to freeze a population with nobody expected to report, or nobody scored yet. */
export function refuseEmpty(source: RowsToFreeze, peerGroup: string | null): void {
  const where = whereOf(source.region.name, peerGroup);
  if (source.count === 0)
    throw badInput(
      'input.roundId',
      `nothing to freeze: the round has no organizations expected to report under ${where}`,
      { key: 'snapshot.nothingExpected', params: { where } },
    );
  if (source.rankedCount === 0)
    throw badInput(
      'input.roundId',
      `nothing to freeze: no organization under ${where} has a score yet (no report submitted and no deadline passed)`,
      { key: 'snapshot.nothingScored', params: { where } },
    );
}

/**
 * The points of a stored result's members ($1 result id, $2 region path pattern, $3 peer group,
 * null = all) under its model and scoring instant, computed by `@gongkai/scoring` from the
 * stored measurements read through a cursor, in the result's organization order of the index.
 */
export async function* pointsOf(
  dataSource: DataSource,
  model: ScoringModel,
  asOf: Date,
  params: readonly [string, string, string | null],
): AsyncGenerator<FrozenPoints> {
  const nulls: null[] = model.indicators.map(() => null);
  type Measured = { organization_id: string; peer_group: string; statuses: string; norms: string };
  for await (const rows of cursorBatches<Measured>(
    dataSource,
    MEASURES_SQL,
    params,
    POINTS_BATCH,
  )) {
    // the raw values do not count in points: the rows carry none
    const points = pointsOfStored(
      model,
      rows.map((row) => ({
        organizationId: row.organization_id,
        peerGroup: row.peer_group,
        statuses: numbersOf(row.statuses) as number[],
        raws: nulls,
        norms: numbersOf(row.norms),
      })),
      asOf,
    );
    for (let i = 0; i < rows.length; i += 1)
      yield { organizationId: rows[i]!.organization_id, points: points[i]! };
  }
}

/**
 * Reads `source` ahead, from now on, into memory, while the caller does other work (a freeze
 * computes its points while PostgreSQL stages its inputs); `rows` yields what was read, in order,
 * and rethrows a failure of the source where it happened. `stop` ends the reading early (the
 * source's cursor is closed).
 */
export function readAhead<T>(source: AsyncIterable<T>): {
  readonly rows: AsyncIterable<T>;
  stop(): Promise<void>;
} {
  let buffer: T[] = [];
  let done = false;
  let stopped = false;
  let failure: { error: unknown } | null = null;
  let wake: (() => void) | null = null;
  const signal = (): void => {
    wake?.();
    wake = null;
  };
  const pump = (async () => {
    try {
      for await (const item of source) {
        if (stopped) return;
        buffer.push(item);
        if (buffer.length % 1000 === 1) signal();
      }
    } catch (error) {
      failure = { error };
    } finally {
      done = true;
      signal();
    }
  })();
  return {
    rows: {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          if (buffer.length > 0) {
            const taken = buffer;
            buffer = [];
            yield* taken;
          } else if (done) {
            if (failure) throw (failure as { error: unknown }).error;
            return;
          } else await new Promise<void>((resolve) => (wake = resolve));
        }
      },
    },
    async stop() {
      stopped = true;
      await pump;
    },
  };
}
