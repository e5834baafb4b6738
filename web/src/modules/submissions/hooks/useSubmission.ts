import { useMutation, useQuery } from '@apollo/client/react';
import type { AnnualReport } from '@gongkai/report-model';
import { useCallback } from 'react';
import {
  JustifyFindingDocument,
  SaveDraftDocument,
  SubmissionDocument,
  type SubmissionQuery,
  SubmitSubmissionDocument,
} from '../../../generated/graphql';

export type SubmissionDetail = SubmissionQuery['submission'];

export function useSubmission(id: string) {
  const { data, loading, error, refetch } = useQuery(SubmissionDocument, { variables: { id } });
  return { submission: data?.submission ?? null, loading: loading && !data, error, refetch };
}

/** Save, submit and justify, each passing back the revision read (the server rejects stale writes). */
export function useSubmissionActions() {
  const [saveMutation, save] = useMutation(SaveDraftDocument);
  const [submitMutation, submit] = useMutation(SubmitSubmissionDocument);
  const [justifyMutation] = useMutation(JustifyFindingDocument);
  const saveDraft = useCallback(
    async (
      submissionId: string,
      expectedRevision: number,
      report: AnnualReport,
      autosave = false,
    ) => {
      const result = await saveMutation({
        variables: { input: { submissionId, expectedRevision, report, autosave } },
      });
      return result.data?.saveDraft ?? null;
    },
    [saveMutation],
  );
  const submitReport = useCallback(
    async (submissionId: string, expectedRevision: number, reply?: string) => {
      const result = await submitMutation({
        variables: { input: { submissionId, expectedRevision, ...(reply ? { reply } : {}) } },
      });
      return result.data?.submitSubmission ?? null;
    },
    [submitMutation],
  );
  const justify = useCallback(
    async (submissionId: string, expectedRevision: number, findingKey: string, text: string) => {
      const result = await justifyMutation({
        variables: { input: { submissionId, expectedRevision, findingKey, text } },
      });
      return result.data?.justifyFinding ?? null;
    },
    [justifyMutation],
  );
  return { saveDraft, submitReport, justify, saving: save.loading, submitting: submit.loading };
}
