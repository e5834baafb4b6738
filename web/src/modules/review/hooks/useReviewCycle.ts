import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import {
  PublishSubmissionDocument,
  ReopenSubmissionDocument,
  ResolveReviewCommentDocument,
} from '../../../generated/graphql';

/** Reopen and publish (reviewer side) and marking a comment as dealt with (bureau side). */
export function useReviewCycle() {
  const [reopenMutation, reopening] = useMutation(ReopenSubmissionDocument);
  const [publishMutation, publishing] = useMutation(PublishSubmissionDocument);
  const [resolveMutation, resolving] = useMutation(ResolveReviewCommentDocument);
  const reopen = useCallback(
    async (submissionId: string, expectedRevision: number, reason: string) => {
      const result = await reopenMutation({
        variables: { input: { submissionId, expectedRevision, reason } },
      });
      return result.data?.reopenSubmission ?? null;
    },
    [reopenMutation],
  );
  const publish = useCallback(
    async (submissionId: string, expectedRevision: number) => {
      const result = await publishMutation({
        variables: { input: { submissionId, expectedRevision } },
      });
      return result.data?.publishSubmission ?? null;
    },
    [publishMutation],
  );
  const resolveComment = useCallback(
    async (commentId: string, resolved: boolean) => {
      const result = await resolveMutation({ variables: { input: { commentId, resolved } } });
      return result.data?.resolveReviewComment ?? null;
    },
    [resolveMutation],
  );
  return {
    reopen,
    publish,
    resolveComment,
    reopening: reopening.loading,
    publishing: publishing.loading,
    resolving: resolving.loading,
  };
}
