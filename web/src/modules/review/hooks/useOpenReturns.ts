import { useQuery } from '@apollo/client/react';
import { OpenReturnsDocument } from '../../../generated/graphql';

export type OpenReturn = {
  kind: string;
  reason: string;
  createdAt: string;
  reviewerName: string | null;
};

/** The return (or reopen) each returned report of a body is waiting on, by round. */
export function useOpenReturns(organizationId: string): ReadonlyMap<string, OpenReturn> {
  const { data } = useQuery(OpenReturnsDocument, { variables: { organizationId } });
  const out = new Map<string, OpenReturn>();
  for (const { node } of data?.submissions.edges ?? []) {
    const last = node.returns[node.returns.length - 1];
    if (node.status === 'RETURNED' && last && !last.repliedAt) out.set(node.roundId, last);
  }
  return out;
}
