import { INDICATOR_CATALOGUE } from '@gongkai/scoring';
import { badInput } from '../../common/domain-error';
import { DEFAULT_PAGE } from '../../common/pagination';
import type { IndicatorColumn, RankingRow } from './ranking-row';
import type { RankingEntry, ScoringModelVersion } from './ranking.model';
import type { ScoringModelEntity } from './scoring-model.entity';

/** What the ranking resolvers turn rows and models into, and how they page computed lists. */

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

export function toEntry(row: RankingRow, indicators: readonly IndicatorColumn[]): RankingEntry {
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

/** After the cursor's organization, or from the start (offset cursors for computed lists). */
export function startAfter(
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
