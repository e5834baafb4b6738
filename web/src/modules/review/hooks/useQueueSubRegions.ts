import { useQuery } from '@apollo/client/react';
import { QueueSubRegionsDocument } from '../../../generated/graphql';

/** The governments under a node (city, counties, districts): the queue's sub-region choices. */
export function useQueueSubRegions(withinId: string | null | undefined, skip: boolean) {
  const { data } = useQuery(QueueSubRegionsDocument, {
    variables: { withinId: withinId ?? undefined, first: 100 },
    skip,
  });
  return (data?.organizations.edges ?? []).map((e) => e.node);
}
