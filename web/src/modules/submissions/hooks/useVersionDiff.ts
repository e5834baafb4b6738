import { useQuery } from '@apollo/client/react';
import { VersionDiffDocument } from '../../../generated/graphql';

export function useVersionDiff(fromVersionId: string | null, toVersionId: string | null) {
  const { data, loading, error } = useQuery(VersionDiffDocument, {
    variables: { fromVersionId: fromVersionId ?? '', toVersionId: toVersionId ?? '' },
    skip: !fromVersionId || !toVersionId,
  });
  return { diff: data?.versionDiff ?? null, loading, error };
}
