import type { Actor } from '../../common/actor';
import type { OrganizationEntity } from '../organizations';
import type { RoundEntity } from '../rounds';
import type { RankingRow } from './ranking-row';
import type { RankingRowsReader } from './ranking-rows.reader';
import type { RankingScope } from './ranking.service';
import type { ScoringModelEntity } from './scoring-model.entity';

/** A population's ranking as a freeze reads it: what it is, how many, and its rows. */
export type RowsToFreeze = {
  readonly round: RoundEntity;
  readonly region: OrganizationEntity;
  readonly model: ScoringModelEntity;
  /** The scoring instant. */
  readonly asOf: Date;
  /** The previous round's published snapshot the rank changes come from. */
  readonly previousSnapshotId: string | null;
  /** Members of the population, and how many of them have a rank. */
  readonly count: number;
  readonly rankedCount: number;
  /** Every row in rank order, made as they are read. */
  readonly rows: AsyncIterable<RankingRow>;
};

/**
 * The one place a freeze reads the ranking from: the population's current stored result
 * (`RankingRowsReader`), its rows in rank order read in keyset pages — a result replaced while
 * it is read ends the freeze with a conflict rather than a shorter list.
 */
export async function rowsToFreeze(
  reader: RankingRowsReader,
  actor: Actor,
  scope: RankingScope,
): Promise<RowsToFreeze> {
  const source = await reader.source(actor, scope);
  const { count, rankedCount } = await reader.counts(source);
  return {
    round: source.round,
    region: source.region,
    model: source.model,
    asOf: source.result.asOf,
    previousSnapshotId: source.previousSnapshotId,
    count,
    rankedCount,
    rows: reader.rows(source),
  };
}
