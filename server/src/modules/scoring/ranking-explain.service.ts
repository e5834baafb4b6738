import {
  boardOfRows,
  explain,
  reweightModel,
  validateWeights,
  type Explanation,
  type IndicatorId,
  type WeightOverrides,
} from '@gongkai/scoring';
import { toShanghaiIso } from '@gongkai/report-model';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, inScope } from '../../common/actor';
import {
  badInput,
  badInputs,
  forbidden,
  notFound,
  type FieldProblem,
} from '../../common/domain-error';
import { chargeRequest } from '../../common/request-budget';
import { isUuid } from '../../common/uuid';
import { OrganizationsService } from '../organizations';
import { RoundsService } from '../rounds';
import { POPULATION_SQL } from './ranking-results.store';
import { measuredOf, pointsOfStored } from './ranking-rows.reader';
import { RankingService, type RankingScope, type WeightInput } from './ranking.service';
import {
  awaitingReportSql,
  measureArraysSql,
  rankingSql,
  roundSourceSql,
  subtreePattern,
} from './ranking.sql';
import { ScoringModelsService } from './scoring-models.service';

/** `work_mem` of a what-if statement (as the stored result's fill). */
const RANKING_WORK_MEM = '64MB';

/** One organization of a what-if ranking, with its rank and score under the model as it is. */
export type WhatIfRow = {
  readonly organizationId: string;
  readonly organizationName: string;
  readonly rank: number | null;
  readonly tied: boolean;
  readonly score: number | null;
  /** Points per indicator under the what-if weights (model order); null = not applicable. */
  readonly points: readonly (number | null)[];
  readonly baseRank: number | null;
  readonly baseScore: number | null;
};

type StoredMeasures = { statuses: number[]; raws: (number | null)[]; norms: (number | null)[] };

/**
 * An organization's score explained, and a population re-ranked under other weights, from
 * PostgreSQL: the explanation from the organization's row of the round's stored result (the
 * package's `explain` on a board of that one row, with whether it awaits its report, which
 * says why it is unranked), the what-if by the ranking statement run
 * with the re-weighted model (`reweightModel`) over the population, not stored.
 */
@Injectable()
export class RankingExplainService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rankings: RankingService,
    private readonly models: ScoringModelsService,
    private readonly rounds: RoundsService,
    private readonly organizations: OrganizationsService,
  ) {}

  async explanation(
    actor: Actor,
    input: { roundId: string; organizationId: string; modelId?: string | null },
    asOf: Date = new Date(),
  ): Promise<{ explanation: Explanation; organizationName: string; asOf: string }> {
    if (!isUuid(input.organizationId))
      throw badInput('organizationId', 'not an organization id', { key: 'common.notAnId' });
    if (!isUuid(input.roundId))
      throw badInput('roundId', 'not a round id', { key: 'common.notAnId' });
    const organization = await this.organizations.get(input.organizationId);
    if (!inScope(actor, organization))
      throw forbidden('the organization is outside your area', {
        key: 'ranking.organizationOutsideArea',
      });
    const round = await this.rounds.get(input.roundId);
    const roundScope = await this.organizations.get(round.scopeOrganizationId);
    const model = await this.models.resolve(input.modelId);
    for (let attempt = 0; ; attempt += 1) {
      const result = await this.rankings.resultOfRound(round, roundScope, model, asOf);
      const rows = (await this.dataSource.query(
        `SELECT r.as_of, x.peer_group, x.statuses, x.raws, x.norms
           FROM ranking_results r
           LEFT JOIN ranking_result_rows x ON x.result_id = r.id AND x.organization_id = $2
          WHERE r.id = $1`,
        [result.id, organization.id],
      )) as (Partial<StoredMeasures> & { as_of: Date; peer_group: string | null })[];
      const row = rows[0];
      if (!row && attempt < 2) continue;
      if (!row?.statuses || !row.raws || !row.norms)
        throw notFound('the organization is not expected to report in this round; score', {
          key: 'ranking.notExpected',
        });
      // unranked because nothing is submitted while the deadline is open (as of the result)
      const [awaiting] = (await this.dataSource.query(awaitingReportSql(), [
        round.id,
        subtreePattern(roundScope.path),
        organization.id,
        row.as_of,
      ])) as { awaiting: boolean }[];
      const measured = measuredOf({
        organizationId: organization.id,
        peerGroup: row.peer_group ?? '',
        statuses: row.statuses,
        raws: row.raws,
        norms: row.norms,
      });
      const awaitingReport =
        awaiting?.awaiting === true && measured.status.every((name) => name === 'notApplicable');
      const board = boardOfRows(model.definition, [{ ...measured, awaitingReport }], {
        asOf: row.as_of.toISOString(),
      });
      const explanation = explain(board, organization.id) as Explanation;
      return {
        explanation,
        organizationName: organization.name,
        asOf: toShanghaiIso(row.as_of.getTime()),
      };
    }
  }

  /**
   * The population re-ranked with other weights, computed and not saved. Bad weights are a
   * BAD_USER_INPUT naming each offending entry (`input.weights[1].weight`).
   */
  async whatIf(
    actor: Actor,
    input: RankingScope & { weights: readonly WeightInput[] },
    asOf: Date = new Date(),
  ): Promise<{ rows: WhatIfRow[]; movedCount: number; weights: Map<IndicatorId, number> }> {
    const { round, region, roundScope } = await this.rankings.resolveScope(actor, input);
    const model = await this.models.resolve(input.modelId);
    const overrides = checkedWeights(model.definition, input.weights);
    const reweighted = reweightModel(model.definition, overrides);
    const peerGroup = input.peerGroup ?? null;
    const base = new Map<string, { rank: number | null; score: number | null }>();
    for (let attempt = 0; ; attempt += 1) {
      const result = await this.rankings.resultOfRound(round, roundScope, model, asOf);
      const rows = (await this.dataSource.query(
        `SELECT pop.organization_id, pop.rank, pop.score,
                EXISTS (SELECT 1 FROM ranking_results WHERE id = $1) AS present
           FROM (SELECT $1::uuid AS id) h LEFT JOIN (${POPULATION_SQL}) pop ON TRUE`,
        [result.id, subtreePattern(region.path), peerGroup],
      )) as {
        organization_id: string | null;
        rank: number | null;
        score: number | null;
        present: boolean;
      }[];
      if (rows[0]?.present === false && attempt < 2) continue;
      for (const row of rows)
        if (row.organization_id !== null)
          base.set(row.organization_id, { rank: row.rank, score: row.score });
      break;
    }
    // re-scores and re-ranks the whole population: that is its cost
    chargeRequest(base.size, `whatIfRanking over ${base.size} organizations`);
    const scopePattern = subtreePattern(roundScope.path);
    const rosterMeasures = await this.rankings.rosterMeasures(round.id, scopePattern);
    const k = reweighted.indicators.length;
    const ranked = (await this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL work_mem = '${RANKING_WORK_MEM}'`);
      return (await manager.query(
        `SELECT w.organization_id, w.score, w.rank, w.tied, o.name, ${measureArraysSql(k, 'w')}
           FROM (${rankingSql(reweighted, roundSourceSql())}) w
           JOIN organization_directory o ON o.id = w.organization_id
          ORDER BY w.list_position`,
        [
          round.id,
          subtreePattern(region.path),
          peerGroup,
          asOf,
          scopePattern,
          JSON.stringify(rosterMeasures),
        ],
      )) as unknown[];
    })) as ({
      organization_id: string;
      score: number | null;
      rank: number | null;
      tied: boolean;
      name: string;
    } & StoredMeasures)[];
    const points = pointsOfStored(
      reweighted,
      ranked.map((row) => ({
        organizationId: row.organization_id,
        peerGroup: '',
        statuses: row.statuses,
        raws: row.raws,
        norms: row.norms,
      })),
      asOf,
    );
    let movedCount = 0;
    const rows = ranked.map((row, i): WhatIfRow => {
      const before = base.get(row.organization_id);
      if (before?.rank !== row.rank) movedCount += 1;
      return {
        organizationId: row.organization_id,
        organizationName: row.name,
        rank: row.rank,
        tied: row.tied,
        score: row.score,
        points: points[i] as (number | null)[],
        baseRank: before?.rank ?? null,
        baseScore: before?.score ?? null,
      };
    });
    const weights = new Map<IndicatorId, number>(
      reweighted.indicators.map((entry) => [entry.indicatorId, entry.weight]),
    );
    return { rows, movedCount, weights };
  }
}

/** The weight overrides of a what-if, or a BAD_USER_INPUT naming each bad entry. */
function checkedWeights(
  model: Parameters<typeof validateWeights>[0],
  weights: readonly WeightInput[],
): WeightOverrides {
  const overrides: Record<string, number> = {};
  const problems: FieldProblem[] = [];
  const indexOf = new Map<string, number>();
  weights.forEach((weight, i) => {
    if (indexOf.has(weight.indicatorId)) {
      problems.push({
        field: `input.weights[${i}].indicatorId`,
        message: `indicator "${weight.indicatorId}" is given twice`,
      });
      return;
    }
    indexOf.set(weight.indicatorId, i);
    overrides[weight.indicatorId] = weight.weight;
  });
  for (const issue of validateWeights(model, overrides as WeightOverrides)) {
    const id = issue.path.startsWith('weights.') ? issue.path.slice('weights.'.length) : null;
    const i = id === null ? undefined : indexOf.get(id);
    const field =
      i === undefined
        ? 'input.weights'
        : `input.weights[${i}].${issue.messageEn.includes('indicator') ? 'indicatorId' : 'weight'}`;
    problems.push({ field, message: issue.messageEn });
  }
  if (problems.length > 0) throw badInputs(problems);
  return overrides as WeightOverrides;
}
