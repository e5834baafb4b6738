import { useQuery } from '@apollo/client/react';
import { AccountsDocument, type AccountsQuery, type Role } from '../../../generated/graphql';

export type AccountFilters = {
  search: string;
  role: Role | null;
  scopeOrganizationId: string | null;
  active: boolean | null;
};

export type AccountRow = AccountsQuery['users']['edges'][number]['node'];

const PAGE = 25;

/** One page of accounts at a time, more on demand (cursor paging), with the total. */
export function useAccounts(filters: AccountFilters) {
  const variables = {
    search: filters.search.trim() || null,
    role: filters.role,
    scopeOrganizationId: filters.scopeOrganizationId,
    active: filters.active,
    first: PAGE,
  };
  const { data, previousData, loading, error, fetchMore, refetch } = useQuery(AccountsDocument, {
    variables,
    notifyOnNetworkStatusChange: true,
  });
  const shown = data ?? previousData;
  const rows = shown?.users.edges.map((e) => e.node) ?? [];
  const loadMore = () =>
    fetchMore({
      variables: { ...variables, after: shown?.users.pageInfo.endCursor ?? null },
      updateQuery: (prev, { fetchMoreResult }) => ({
        users: {
          ...fetchMoreResult.users,
          edges: [...prev.users.edges, ...fetchMoreResult.users.edges],
        },
      }),
    });
  return {
    rows,
    totalCount: shown?.users.totalCount ?? 0,
    hasMore: shown?.users.pageInfo.hasNextPage ?? false,
    loading,
    error,
    loadMore,
    refetch,
  };
}
