import { useQuery } from '@apollo/client/react';
import { RankingFilterChoicesDocument } from '../../../generated/graphql';

export type FilterChoice = { value: string; count: number };

/** Peer groups and department types of a region's ranked population (what the filters accept). */
export function useFilterChoices(roundId: string | undefined, regionId: string | undefined) {
  const { data, error, loading } = useQuery(RankingFilterChoicesDocument, {
    variables: { roundId: roundId ?? '', regionId: regionId ?? '' },
    skip: !roundId || !regionId,
  });
  return {
    peerGroups: (data?.peerGroups ?? []) as readonly FilterChoice[],
    departmentTypes: (data?.departmentTypes ?? []) as readonly FilterChoice[],
    /** The choices have arrived (or failed): a default can be picked from them. */
    settled: Boolean(data) || Boolean(error) || (!loading && (!roundId || !regionId)),
    error,
  };
}
