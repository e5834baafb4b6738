import type { AnnualReport } from '@gongkai/report-model';
import { useQuery } from '@apollo/client/react';
import { RollupDocument } from '../../../generated/graphql';

/** A node's departments summed in a round, its members and its own report. */
export function useRollup(roundId: string | undefined, nodeId: string) {
  const { data, loading, error } = useQuery(RollupDocument, {
    variables: { roundId: roundId ?? '', nodeId },
    skip: !roundId || !nodeId,
  });
  const rollup = data?.rollup ?? null;
  return {
    rollup,
    report: (rollup?.report as AnnualReport | undefined) ?? null,
    ownReport: (rollup?.own?.report as AnnualReport | null | undefined) ?? null,
    loading: loading && !data,
    error,
  };
}
