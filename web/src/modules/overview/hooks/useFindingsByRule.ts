import { useQuery } from '@apollo/client/react';
import { FindingsByRuleDocument } from '../../../generated/graphql';

/** Stored findings of a region's reports in a round, counted by rule. */
export function useFindingsByRule(roundId: string | undefined, regionId: string | undefined) {
  const { data, loading, error } = useQuery(FindingsByRuleDocument, {
    variables: { roundId: roundId ?? '', regionId: regionId ?? '' },
    skip: !roundId || !regionId,
  });
  return { findings: data?.findingsByRule ?? null, loading: loading && !data, error };
}
