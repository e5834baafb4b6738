import type { ScoringModel } from '@gongkai/scoring';
import { conflict } from '../../common/domain-error';
import { cursorBatches, type CursorSource } from '../../database/cursor';
import type { RankingRow, RowFlag } from './ranking-row';
import { streamedRankingRows } from './ranking-rows.mapping';
import { streamBatches } from './ranking-rows.stream';
import type { StoredPopulation } from './ranking-population.sql';

/**
 * Every row of a ranking in rank order, described as plain data (structured-cloneable), so that
 * any thread with a connection can read them (`plannedRankingRows`): a population of a stored
 * result, or a frozen ranking. This file and what it imports hold no Nest provider, so a worker
 * thread loads only what it runs.
 */
export type RankingRowsPlan =
  | {
      readonly kind: 'result';
      readonly resultId: string;
      readonly population: StoredPopulation;
      /** $1 result id, $2 region path pattern, $3 peer group, $4 last year's snapshot id. */
      readonly params: readonly [string, string, string | null, string | null];
      /** `ResultFlagsPort.flagListSql` over `$1` (null: rows carry no flags). */
      readonly flagListSql: string | null;
      readonly model: { readonly definition: ScoringModel };
      /** The stored result's scoring instant. */
      readonly asOf: Date;
      readonly batch: number;
    }
  | { readonly kind: 'frozen'; readonly snapshotId: string; readonly batch: number };

/** One row of `ranking_snapshot_rows` as read. */
export type FrozenRow = {
  organization_id: string;
  organization_name: string;
  region_name: string | null;
  peer_group: string;
  department_type: string | null;
  rank: number | null;
  tied: boolean;
  score: number | null;
  points: (number | null)[];
  flags: RowFlag[];
  status: string | null;
  first_submitted_at: string | null;
  previous_rank: number | null;
  rank_change: number | null;
};

export const FROZEN_ROW_COLUMNS = `organization_id, organization_name, region_name, peer_group, department_type,
  rank, tied, score, points, flags, status, first_submitted_at, previous_rank, rank_change`;

export function frozenRankingRow(stored: FrozenRow): RankingRow {
  return {
    organizationId: stored.organization_id,
    organizationName: stored.organization_name,
    regionName: stored.region_name,
    peerGroup: stored.peer_group,
    departmentType: stored.department_type,
    rank: stored.rank,
    tied: stored.tied,
    score: stored.score,
    points: stored.points,
    flags: stored.flags,
    status: stored.status,
    firstSubmittedAt: stored.first_submitted_at,
    previousRank: stored.previous_rank,
    rankChange: stored.rank_change,
  };
}

/**
 * The rows of `plan`, read through `db`. A stored result's population is one statement through a
 * cursor (`streamBatches`) in one snapshot; a result replaced while it is read ends the rows with
 * the `ranking.resultReplaced` conflict rather than a shorter list. A reader that stops early
 * closes the cursor and gives its connection back.
 */
export async function* plannedRankingRows(
  db: CursorSource,
  plan: RankingRowsPlan,
): AsyncGenerator<RankingRow> {
  if (plan.kind === 'frozen') {
    const sql = `SELECT ${FROZEN_ROW_COLUMNS} FROM ranking_snapshot_rows
                  WHERE snapshot_id = $1 ORDER BY position`;
    for await (const stored of cursorBatches<FrozenRow>(db, sql, [plan.snapshotId], plan.batch))
      for (const row of stored) yield frozenRankingRow(row);
    return;
  }
  const stream = streamBatches(db, plan.population, plan.params, plan.batch, plan.flagListSql);
  const sharedFlags = new Map<string, readonly RowFlag[]>();
  try {
    for (;;) {
      const step = await stream.next();
      if (step.done) {
        // the rows are one snapshot's; a result replaced meanwhile still ends in a conflict
        if (!step.value || !(await resultExists(db, plan.resultId))) throw resultReplaced();
        return;
      }
      yield* streamedRankingRows(plan.model, step.value, plan.asOf, sharedFlags);
    }
  } finally {
    // a reader that stops early (a closed download, a failed freeze) ends the cursor's
    // transaction and gives its connection back
    await stream.return(true);
  }
}

/** The conflict of a ranking read while its stored result was replaced. */
export function resultReplaced(): Error {
  return conflict('the ranking changed while it was read; try again', {
    key: 'ranking.resultReplaced',
  });
}

async function resultExists(db: CursorSource, resultId: string): Promise<boolean> {
  const found = (await db.query('SELECT 1 FROM ranking_results WHERE id = $1', [
    resultId,
  ])) as unknown[];
  return found.length > 0;
}
