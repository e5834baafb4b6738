import { useMutation } from '@apollo/client/react';
import { usePagedQuery } from '../../../app/usePagedQuery';
import { RemindBodiesDocument, RemindCandidatesDocument } from '../../../generated/graphql';

/** 催报 to bodies of a round: reminds them (skipping the recently reminded and the submitted). */
export function useRemind(roundId: string) {
  const [mutate, { loading: sending }] = useMutation(RemindBodiesDocument, {
    refetchQueries: [RemindCandidatesDocument],
  });
  return {
    sending,
    remind: (organizationIds: string[], message: string) =>
      mutate({
        variables: { input: { roundId, organizationIds, message: message.trim() || null } },
      }).then((r) => r.data?.remindBodies ?? null),
  };
}

/** Bodies of a round under a node that have not submitted, searchable, and 催报 to some of them. */
export function useRemindBodies(roundId: string, nodeId: string, search: string) {
  const list = usePagedQuery(
    RemindCandidatesDocument,
    'remindCandidates',
    { roundId, nodeId, search: search || null, first: 50 },
    { keepPrevious: true },
  );
  return { ...list, ...useRemind(roundId) };
}
