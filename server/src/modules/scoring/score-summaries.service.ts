import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, inScope } from '../../common/actor';
import { forbidden } from '../../common/domain-error';
import type { OrganizationRow } from '../organizations';
import type { RoundRow } from '../rounds';
import { RankingResultsStore } from './ranking-results.store';
import { subtreePattern } from './ranking.sql';
import { rosterReading } from './roster-measures';
import { ScoringModelsService } from './scoring-models.service';
import { ROSTER_SUMMARY_PROVIDER, type RosterSummaryProvider } from './scoring-source.reader';

/** The scored organizations of a region in a round and the sum of their scores. */
export type ScoreSummary = { readonly scoredCount: number; readonly scoreSum: number };

/**
 * The overview trend's mean scores: for a region and several rounds (one per year, or the rounds
 * of the scopes below the region), each round's current stored result of the default model
 * (`RankingResultsStore`, filled when missing) and one aggregate over all of them — the scores of
 * the region's range of (`result_id`, `path`) summed in the stored list order (the population's
 * ranked order), which no ranking of the population is needed for.
 */
@Injectable()
export class ScoreSummariesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly results: RankingResultsStore,
    private readonly models: ScoringModelsService,
    @Optional()
    @Inject(ROSTER_SUMMARY_PROVIDER)
    private readonly roster: RosterSummaryProvider | null = null,
  ) {}

  /**
   * By round id. The caller has found each round's scope (`scopePath`) and the region within or
   * above it; the region must be in the actor's scope.
   */
  async summaries(
    actor: Actor,
    region: OrganizationRow,
    rounds: readonly { round: RoundRow; scopePath: string }[],
    asOf: Date = new Date(),
  ): Promise<Map<string, ScoreSummary>> {
    if (!inScope(actor, region))
      throw forbidden('the region is outside the area you supervise', {
        key: 'ranking.regionOutsideArea',
      });
    const out = new Map<string, ScoreSummary>();
    if (rounds.length === 0) return out;
    const model = await this.models.resolve(null);
    // a result replaced between finding it and reading it: find the newer one
    for (let attempt = 0; ; attempt += 1) {
      const resultIds: string[] = [];
      for (const { round, scopePath } of rounds) {
        const roundScopePattern = subtreePattern(scopePath);
        const result = await this.results.current({
          roundId: round.id,
          modelId: model.id,
          model: model.definition,
          roundScopePattern,
          asOf,
          rosters: rosterReading(this.dataSource, this.roster, round.id, roundScopePattern),
        });
        resultIds.push(result.id);
      }
      const rows = (await this.dataSource.query(
        `SELECT r.id, r.round_id, s.scored_count, s.score_sum
           FROM ranking_results r
           CROSS JOIN LATERAL (
                 SELECT count(x.cents)::int AS scored_count,
                        COALESCE(sum(x.cents / 100::float8 ORDER BY x.list_position), 0)::float8 AS score_sum
                   FROM ranking_result_rows x
                  WHERE x.result_id = r.id AND x.path LIKE $2) s
          WHERE r.id = ANY($1::uuid[])`,
        [resultIds, subtreePattern(region.path)],
      )) as { id: string; round_id: string; scored_count: number; score_sum: number }[];
      if (rows.length < new Set(resultIds).size && attempt < 2) continue;
      for (const row of rows)
        out.set(row.round_id, { scoredCount: row.scored_count, scoreSum: row.score_sum });
      for (const { round } of rounds)
        if (!out.has(round.id)) out.set(round.id, { scoredCount: 0, scoreSum: 0 });
      return out;
    }
  }
}
