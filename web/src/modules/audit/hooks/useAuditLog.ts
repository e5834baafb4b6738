import { useQuery } from '@apollo/client/react';
import { AuditLogDocument, type AuditEventItemFragment } from '../../../generated/graphql';

export type AuditItem = AuditEventItemFragment;
const PAGE = 30;

/** Audit events the viewer may read, newest first, paged, by kind, subtree and search. */
export function useAuditLog(filters: { action?: string; withinId?: string; search?: string }) {
  const { data, loading, error, fetchMore } = useQuery(AuditLogDocument, {
    variables: {
      action: filters.action || undefined,
      withinId: filters.withinId || undefined,
      search: filters.search || undefined,
      first: PAGE,
    },
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.auditEvents;
  return {
    events: connection?.edges.map((e) => e.node) ?? [],
    totalCount: connection?.totalCount ?? 0,
    hasMore: connection?.pageInfo.hasNextPage ?? false,
    loading,
    error,
    loadMore: () =>
      fetchMore({
        variables: { after: connection?.pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => ({
          auditEvents: {
            ...fetchMoreResult.auditEvents,
            edges: [...(previous.auditEvents?.edges ?? []), ...fetchMoreResult.auditEvents.edges],
          },
        }),
      }),
  };
}
