import { useApolloClient, useMutation } from '@apollo/client/react';
import { MeDocument, SignInDocument, SignOutDocument } from '../../../generated/graphql';

export function useSignIn() {
  const [mutate, { loading, error }] = useMutation(SignInDocument, {
    update(cache, { data }) {
      if (data) cache.writeQuery({ query: MeDocument, data: { me: data.signIn } });
    },
  });
  const signIn = async (username: string, password: string) => {
    const result = await mutate({ variables: { input: { username, password } } });
    return result.data?.signIn ?? null;
  };
  return { signIn, loading, error };
}

export function useSignOut() {
  const client = useApolloClient();
  const [mutate] = useMutation(SignOutDocument);
  return async () => {
    await mutate();
    await client.clearStore();
    client.cache.writeQuery({ query: MeDocument, data: { me: null } });
  };
}
