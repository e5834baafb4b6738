import { useMutation, useQuery } from '@apollo/client/react';
import {
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

export function useRanking(f: RankingFilters, first = 100) {
  const { data, loading, error, refetch } = useQuery(RankingDocument, {
    variables: {
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
    },
    skip: !f.roundId || !f.regionId,
  });
  return {
    page: data?.ranking ?? null,
    rows: data?.ranking.edges.map((e) => e.node) ?? [],
    loading: loading && !data,
    error,
    refetch,
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
  return {
    snapshots: data?.rankingSnapshots.edges.map((e) => e.node) ?? [],
    freezing: freezing.loading,
    publishing: publishing.loading,
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
