import type { Actor } from '../../common/actor';
import type { OrganizationEntity } from '../organizations/organization.entity';
import type { RoundEntity } from '../rounds/round.entity';
import type { RankingRow } from './ranking-row';
import type { RankingScope, RankingService } from './ranking.service';
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
 * The one place a freeze reads the ranking from: the current row source (`RankingService.live`
 * and `toRow`), as an async iterable in rank order, so that another source (a cursor over the
 * rows ranked in PostgreSQL) can take its place without touching the freeze.
 */
export async function rowsToFreeze(
  ranking: RankingService,
  actor: Actor,
  scope: RankingScope,
): Promise<RowsToFreeze> {
  const live = await ranking.live(actor, scope);
  const { built, entries } = live;
  return {
    round: live.round,
    region: live.region,
    model: live.model,
    asOf: new Date(built.asOf),
    previousSnapshotId: live.previousSnapshotId,
    count: entries.length,
    rankedCount: entries.rankedCount,
    rows: (async function* () {
      for (const entry of entries) yield ranking.toRow(built, entry);
    })(),
  };
}
