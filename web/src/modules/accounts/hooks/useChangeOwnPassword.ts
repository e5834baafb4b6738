import { useMutation } from '@apollo/client/react';
import { ChangeOwnPasswordDocument, MeDocument } from '../../../generated/graphql';

/** Changes the signed-in user's password; the viewer in the cache follows (one-time flag off). */
export function useChangeOwnPassword() {
  const [mutate, { loading }] = useMutation(ChangeOwnPasswordDocument, {
    update(cache, { data }) {
      if (data) cache.writeQuery({ query: MeDocument, data: { me: data.changeOwnPassword } });
    },
  });
  const change = async (currentPassword: string, newPassword: string) =>
    (await mutate({ variables: { input: { currentPassword, newPassword } } })).data
      ?.changeOwnPassword ?? null;
  return { change, loading };
}
