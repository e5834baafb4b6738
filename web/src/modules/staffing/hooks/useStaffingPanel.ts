import { useQuery } from '@apollo/client/react';
import { StaffingPanelDocument } from '../../../generated/graphql';

/** Staffing of a region in a round: counts, vacancies by post, longest vacancies. */
export function useStaffingPanel(roundId: string | undefined, nodeId: string | undefined) {
  const { data, loading, error } = useQuery(StaffingPanelDocument, {
    variables: { roundId: roundId ?? '', nodeId: nodeId ?? '' },
    skip: !roundId || !nodeId,
    fetchPolicy: 'cache-and-network',
  });
  return { panel: data?.staffingPanel ?? null, loading: loading && !data, error };
}
