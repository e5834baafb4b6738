import { useQuery } from '@apollo/client/react';
import { OverviewRankingDocument } from '../../../generated/graphql';

const PAGE = 100;

/**
 * Both ends of a region's ranking: the first and the last 100 places (unscored bodies sit at the
 * very end, so the last page is wide enough to still hold the lowest scores).
 */
export function useRankingEnds(roundId: string | undefined, regionId: string | undefined) {
  const base = { roundId: roundId ?? '', regionId: regionId ?? '', first: PAGE };
  const skip = !roundId || !regionId;
  const top = useQuery(OverviewRankingDocument, { variables: { input: base }, skip });
  const bottom = useQuery(OverviewRankingDocument, {
    variables: { input: { ...base, fromEnd: true } },
    skip,
  });
  const seen = new Set<string>();
  const entries = [...(top.data?.ranking.edges ?? []), ...(bottom.data?.ranking.edges ?? [])]
    .filter((e) => !seen.has(e.node.organizationId) && seen.add(e.node.organizationId))
    .map((e) => ({
      id: e.node.organizationId,
      name: e.node.organizationName,
      rank: e.node.rank ?? null,
      score: e.node.score ?? null,
    }));
  return {
    entries,
    totalCount: top.data?.ranking.totalCount ?? 0,
    loading: (top.loading && !top.data) || (bottom.loading && !bottom.data),
    error: top.error ?? bottom.error,
  };
}
