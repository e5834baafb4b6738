import { useMutation } from '@apollo/client/react';
import { ApproveSubmissionDocument, ReturnSubmissionDocument } from '../../../generated/graphql';

export type DraftComment = { cell: string | null; body: string };

export function useReviewDecision() {
  const [returnMutation, returning] = useMutation(ReturnSubmissionDocument);
  const [approveMutation, approving] = useMutation(ApproveSubmissionDocument);
  return {
    returning: returning.loading,
    approving: approving.loading,
    returnSubmission: async (
      submissionId: string,
      expectedRevision: number,
      reason: string,
      comments: readonly DraftComment[],
    ) => {
      const result = await returnMutation({
        variables: { input: { submissionId, expectedRevision, reason, comments: [...comments] } },
      });
      return result.data?.returnSubmission ?? null;
    },
    approve: async (submissionId: string, expectedRevision: number) => {
      const result = await approveMutation({
        variables: { input: { submissionId, expectedRevision } },
      });
      return result.data?.approveSubmission ?? null;
    },
  };
}
