import { useQuery } from '@apollo/client/react';
import { RoundTrendDocument } from '../../../generated/graphql';

/**
 * Completion rates of a region per year and, on request, the average score (which scores every
 * year on the server: asked for only when the user wants it).
 */
export function useRoundTrend(regionId: string | undefined, withScores = false) {
  const { data, loading, error, previousData } = useQuery(RoundTrendDocument, {
    variables: { regionId: regionId ?? '', withScores },
    skip: !regionId,
  });
  return {
    points: (data ?? previousData)?.roundTrend ?? [],
    loading: loading && !data && !previousData,
    error,
  };
}
