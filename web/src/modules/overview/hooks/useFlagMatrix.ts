import { useQuery } from '@apollo/client/react';
import { FlagMatrixDocument } from '../../../generated/graphql';

/** Organizations × gap flag types of a region in a round, the worst `limit` organizations. */
export function useFlagMatrix(
  roundId: string | undefined,
  regionId: string | undefined,
  limit = 15,
) {
  const { data, loading, error } = useQuery(FlagMatrixDocument, {
    variables: { roundId: roundId ?? '', regionId: regionId ?? '', limit },
    skip: !roundId || !regionId,
  });
  return { matrix: data?.flagMatrix ?? null, loading: loading && !data, error };
}
