import { useMutation, useQuery } from '@apollo/client/react';
import {
  BulkApproveDocument,
  ReviewListDocument,
  type ReviewListQuery,
  type SubmissionStatus,
} from '../../../generated/graphql';

export type ReviewItem = ReviewListQuery['submissions']['edges'][number]['node'];
export type ReviewFlag = 'errors' | 'warnings' | 'late' | 'incomplete';
export const REVIEW_FLAGS: readonly ReviewFlag[] = ['errors', 'warnings', 'late', 'incomplete'];
export const REVIEWABLE: readonly SubmissionStatus[] = ['SUBMITTED', 'RESUBMITTED'];

/** Whether a submission carries a flag (computed from the counts the list already has). */
export function hasFlag(item: ReviewItem, flag: ReviewFlag): boolean {
  const v = item.currentVersion;
  switch (flag) {
    case 'errors':
      return (v?.errorCount ?? 0) > 0;
    case 'warnings':
      return (v?.warningCount ?? 0) > 0;
    case 'late':
      return item.timeliness.onTime === false;
    case 'incomplete':
      return (v?.gapCount ?? 0) > 0;
  }
}

export function useReviewList(filters: {
  roundId?: string;
  statuses?: readonly SubmissionStatus[];
  flag?: ReviewFlag;
  /** Only reports with a finding of this rule (filtered by the server). */
  rule?: string;
}) {
  const { data, loading, error, refetch } = useQuery(ReviewListDocument, {
    variables: {
      roundId: filters.roundId,
      statuses: filters.statuses?.length ? [...filters.statuses] : undefined,
      rule: filters.rule || undefined,
      first: 100,
    },
    skip: !filters.roundId,
  });
  const all = data?.submissions.edges.map((e) => e.node) ?? [];
  const items = filters.flag ? all.filter((i) => hasFlag(i, filters.flag as ReviewFlag)) : all;
  const [bulk, bulkState] = useMutation(BulkApproveDocument);
  return {
    items,
    totalCount: data?.submissions.totalCount ?? 0,
    hasMore: data?.submissions.pageInfo.hasNextPage ?? false,
    loading: loading && !data,
    error,
    refetch,
    approving: bulkState.loading,
    bulkApprove: async (selected: readonly ReviewItem[]) => {
      await bulk({
        variables: {
          input: {
            items: selected.map((s) => ({ submissionId: s.id, expectedRevision: s.revision })),
          },
        },
      });
      await refetch();
    },
  };
}
