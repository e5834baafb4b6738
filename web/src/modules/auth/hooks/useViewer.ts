import { useQuery } from '@apollo/client/react';
import { MeDocument, type MeQuery } from '../../../generated/graphql';

export type Viewer = NonNullable<MeQuery['me']>;

/** The signed-in user (null when signed out); the session itself is an httpOnly cookie. */
export function useViewer() {
  const { data, loading, error } = useQuery(MeDocument, { fetchPolicy: 'cache-first' });
  const viewer = data?.me ?? null;
  return {
    viewer,
    loading: loading && !data,
    error,
    can: (permission: string) => viewer?.permissions.includes(permission) ?? false,
  };
}
