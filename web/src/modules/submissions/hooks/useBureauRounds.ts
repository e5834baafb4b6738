import { useMutation, useQuery } from '@apollo/client/react';
import {
  BureauRoundsDocument,
  OrganizationSubmissionsDocument,
  StartSubmissionDocument,
} from '../../../generated/graphql';

/** The rounds a body reports in and its submission (if started) in each. */
export function useBureauRounds(organizationId: string) {
  const rounds = useQuery(BureauRoundsDocument, { variables: { organizationId } });
  const submissions = useQuery(OrganizationSubmissionsDocument, {
    variables: { organizationId, first: 100 },
  });
  const [start, started] = useMutation(StartSubmissionDocument);
  const byRound = new Map(
    (submissions.data?.submissions.edges ?? []).map((e) => [e.node.roundId, e.node]),
  );
  return {
    rounds: rounds.data?.rounds ?? [],
    byRound,
    loading: (rounds.loading && !rounds.data) || (submissions.loading && !submissions.data),
    error: rounds.error ?? submissions.error,
    starting: started.loading,
    start: async (roundId: string) => {
      const result = await start({ variables: { input: { organizationId, roundId } } });
      return result.data?.startSubmission ?? null;
    },
  };
}
