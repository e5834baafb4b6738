import { useMutation, useQuery } from '@apollo/client/react';
import {
  DeleteRankingSnapshotDocument,
  FreezeRankingDocument,
  PublishRankingSnapshotDocument,
  RankingDocument,
  type RankingQuery,
  RankingSnapshotsDocument,
  ScoreExplanationDocument,
  WhatIfRankingDocument,
} from '../../../generated/graphql';

export type RankingFilters = {
  roundId?: string;
  regionId?: string;
  peerGroup?: string;
  departmentType?: string;
  flag?: string;
  search?: string;
  snapshotId?: string;
};
export type RankingRow = RankingQuery['ranking']['edges'][number]['node'];

/**
 * The ranking a page at a time (`loadMore` appends the next page), keeping the rows on screen
 * while a changed filter or search loads.
 */
export function useRanking(f: RankingFilters, first = 100) {
  const variables = variablesOf(f, first);
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(RankingDocument, {
    variables,
    skip: !f.roundId || !f.regionId,
    notifyOnNetworkStatusChange: true,
  });
  const shown = data ?? previousData;
  const page = shown?.ranking ?? null;
  const loadMore = () =>
    fetchMore({
      variables: {
        input: { ...variables.input, after: page?.pageInfo.endCursor ?? null },
      },
      updateQuery: (previous, { fetchMoreResult }) => ({
        ...fetchMoreResult,
        ranking: {
          ...fetchMoreResult.ranking,
          edges: [...(previous.ranking?.edges ?? []), ...fetchMoreResult.ranking.edges],
        },
      }),
    });
  return {
    page,
    rows: page?.edges.map((e) => e.node) ?? [],
    hasMore: page?.pageInfo.hasNextPage ?? false,
    /** Loading with nothing to show yet (the first answer). */
    loading: loading && !shown,
    /** Loading a changed filter or the next page while the last rows stay. */
    updating: loading && !!shown,
    error,
    refetch,
    loadMore,
  };
}

function variablesOf(f: RankingFilters, first: number) {
  return {
    input: {
      roundId: f.roundId ?? '',
      regionId: f.regionId ?? '',
      peerGroup: f.peerGroup || undefined,
      departmentType: f.departmentType || undefined,
      flag: f.flag || undefined,
      search: f.search || undefined,
      snapshotId: f.snapshotId || undefined,
      first,
    },
  };
}

export function useExplanation(roundId: string | undefined, organizationId: string | null) {
  const { data, loading, error } = useQuery(ScoreExplanationDocument, {
    variables: { roundId: roundId ?? '', organizationId: organizationId ?? '' },
    skip: !roundId || !organizationId,
  });
  return { explanation: data?.scoreExplanation ?? null, loading, error };
}

export function useSnapshots(roundId: string | undefined, regionId: string | undefined) {
  const { data, refetch } = useQuery(RankingSnapshotsDocument, {
    variables: { roundId: roundId ?? '', regionId },
    skip: !roundId,
  });
  const [freeze, freezing] = useMutation(FreezeRankingDocument);
  const [publish, publishing] = useMutation(PublishRankingSnapshotDocument);
  const [remove, removing] = useMutation(DeleteRankingSnapshotDocument);
  return {
    snapshots: data?.rankingSnapshots.edges.map((e) => e.node) ?? [],
    refetch,
    freezing: freezing.loading,
    publishing: publishing.loading,
    deleting: removing.loading,
    remove: async (snapshotId: string) => {
      const result = await remove({ variables: { input: { snapshotId } } });
      await refetch();
      return result.data?.deleteRankingSnapshot ?? null;
    },
    freeze: async (input: {
      roundId: string;
      regionId: string;
      peerGroup?: string;
      title?: string;
    }) => {
      const result = await freeze({ variables: { input } });
      await refetch();
      return result.data?.freezeRanking ?? null;
    },
    publish: async (snapshotId: string) => {
      await publish({ variables: { input: { snapshotId } } });
      await refetch();
    },
  };
}

export function useWhatIf(
  f: RankingFilters,
  weights: readonly { indicatorId: string; weight: number }[] | null,
) {
  const { data, loading, error, previousData } = useQuery(WhatIfRankingDocument, {
    variables: {
      input: {
        roundId: f.roundId ?? '',
        regionId: f.regionId ?? '',
        peerGroup: f.peerGroup || undefined,
        weights: [...(weights ?? [])],
        first: 100,
      },
    },
    skip: !f.roundId || !f.regionId || !weights,
  });
  return { result: (data ?? previousData)?.whatIfRanking ?? null, loading, error };
}
