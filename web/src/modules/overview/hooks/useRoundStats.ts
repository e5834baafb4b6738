import { useQuery } from '@apollo/client/react';
import { ChildOrganizationsDocument, RoundStatsDocument } from '../../../generated/graphql';

/** Completion figures of a node in a round, with its direct children named. */
export function useRoundStats(roundId: string | undefined, nodeId: string | undefined) {
  const stats = useQuery(RoundStatsDocument, {
    variables: { roundId: roundId ?? '', nodeId: nodeId ?? '' },
    skip: !roundId || !nodeId,
  });
  const children = useQuery(ChildOrganizationsDocument, {
    variables: { parentId: nodeId ?? '' },
    skip: !nodeId,
  });
  const names = new Map(
    (children.data?.organizations.edges ?? []).map((e) => [e.node.id, e.node.name]),
  );
  return {
    stats: stats.data?.roundStats ?? null,
    names,
    loading: stats.loading && !stats.data,
    error: stats.error ?? children.error,
  };
}
