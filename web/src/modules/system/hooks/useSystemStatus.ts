import { useQuery } from '@apollo/client/react';
import { SystemStatusDocument } from '../../../generated/graphql';

export function useSystemStatus() {
  const { data, loading, error, refetch } = useQuery(SystemStatusDocument);
  return { status: data?.systemStatus ?? null, loading, error, refetch };
}
