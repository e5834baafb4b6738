import { useMutation, useQuery } from '@apollo/client/react';
import {
  CreateRoundDocument,
  type CreateRoundInput,
  GrantExtensionDocument,
  type GrantExtensionInput,
  type ManagedRoundFragment,
  ManagedRoundsDocument,
  UpdateRoundDocument,
  type UpdateRoundInput,
} from '../../../generated/graphql';

export type ManagedRound = ManagedRoundFragment;
const PAGE = 20;
const REFETCH = ['ManagedRounds', 'Rounds'];

/** The rounds the viewer manages, paged (cursor), filtered by year and the government's name. */
export function useManagedRounds(filters: { year?: number; search?: string }) {
  const { data, loading, error, fetchMore } = useQuery(ManagedRoundsDocument, {
    variables: { year: filters.year, search: filters.search || undefined, first: PAGE },
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.managedRounds;
  return {
    rounds: connection?.edges.map((e) => e.node) ?? [],
    totalCount: connection?.totalCount ?? 0,
    hasMore: connection?.pageInfo.hasNextPage ?? false,
    loading,
    error,
    loadMore: () =>
      fetchMore({
        variables: { after: connection?.pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => ({
          managedRounds: {
            ...fetchMoreResult.managedRounds,
            edges: [
              ...(previous.managedRounds?.edges ?? []),
              ...fetchMoreResult.managedRounds.edges,
            ],
          },
        }),
      }),
  };
}

/** Create, update (deadlines, open/close/reopen) and extend; each refreshes the lists. */
export function useRoundActions() {
  const [create, created] = useMutation(CreateRoundDocument, { refetchQueries: REFETCH });
  const [update, updated] = useMutation(UpdateRoundDocument, { refetchQueries: REFETCH });
  const [extend, extended] = useMutation(GrantExtensionDocument, { refetchQueries: REFETCH });
  return {
    busy: created.loading || updated.loading || extended.loading,
    create: async (input: CreateRoundInput) => (await create({ variables: { input } })).data,
    update: async (input: UpdateRoundInput) => (await update({ variables: { input } })).data,
    extend: async (input: GrantExtensionInput) => (await extend({ variables: { input } })).data,
  };
}
