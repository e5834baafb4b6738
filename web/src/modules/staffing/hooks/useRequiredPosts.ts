import { useMutation, useQuery } from '@apollo/client/react';
import {
  RequiredPostsDocument,
  type RequiredPostFieldsFragment,
  type RequiredPostInput,
  SetRequiredPostsDocument,
} from '../../../generated/graphql';

export type RequiredPostRow = RequiredPostFieldsFragment;

/** A round's required posts, and replacing the set (or restoring the default set). */
export function useRequiredPosts(roundId: string | undefined) {
  const { data, loading, error } = useQuery(RequiredPostsDocument, {
    variables: { roundId: roundId ?? '' },
    skip: !roundId,
  });
  const [mutate, state] = useMutation(SetRequiredPostsDocument, {
    refetchQueries: ['RequiredPosts'],
    awaitRefetchQueries: true,
  });
  return {
    posts: data?.requiredPosts ?? [],
    loading: loading && !data,
    error,
    saving: state.loading,
    save: (posts: RequiredPostInput[] | null) =>
      mutate({ variables: { input: { roundId: roundId!, posts } } }),
  };
}
