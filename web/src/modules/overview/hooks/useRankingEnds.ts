import { useQuery } from '@apollo/client/react';
import { OverviewRankingDocument } from '../../../generated/graphql';

/** A region's ranking (the first 100 places: enough for the top and bottom of a city's list). */
export function useRankingEnds(roundId: string | undefined, regionId: string | undefined) {
  const { data, loading, error } = useQuery(OverviewRankingDocument, {
    variables: { input: { roundId: roundId ?? '', regionId: regionId ?? '', first: 100 } },
    skip: !roundId || !regionId,
  });
  const entries =
    data?.ranking.edges.map((e) => ({
      id: e.node.organizationId,
      name: e.node.organizationName,
      rank: e.node.rank ?? null,
      score: e.node.score ?? null,
    })) ?? [];
  return {
    entries,
    totalCount: data?.ranking.totalCount ?? 0,
    loading: loading && !data,
    error,
  };
}
