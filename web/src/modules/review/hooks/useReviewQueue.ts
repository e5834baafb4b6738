import { useMutation } from '@apollo/client/react';
import { usePagedQuery } from '../../../app/usePagedQuery';
import {
  BulkApproveEntriesDocument,
  type QueueStatus,
  ReviewQueueEntriesDocument,
  type ReviewQueueEntriesQuery,
} from '../../../generated/graphql';
import type { QueueFilters } from '../utils/queue-filters';

export type QueueEntry = ReviewQueueEntriesQuery['reviewQueueEntries']['edges'][number]['node'];

export const QUEUE_PAGE = 50;

/**
 * The review queue of a round, filtered and sorted by the server, a page at a time (`loadMore`
 * appends the next), with the total and the counts per status; and bulk approval.
 */
export function useReviewQueue(roundId: string, filters: QueueFilters, search: string) {
  const paged = usePagedQuery(
    ReviewQueueEntriesDocument,
    'reviewQueueEntries',
    {
      roundId,
      statuses: filters.statuses.length ? filters.statuses : undefined,
      rule: filters.rule ?? undefined,
      severity: filters.severity ?? undefined,
      late: filters.late ?? undefined,
      incomplete: filters.incomplete ?? undefined,
      withinId: filters.within ?? undefined,
      search: search || undefined,
      sort: filters.sort,
      descending: filters.descending,
      first: QUEUE_PAGE,
    },
    { keepPrevious: true },
  );
  const counts = new Map<QueueStatus, number>(
    (paged.connection?.statusCounts ?? []).map((c) => [c.status, c.count]),
  );
  const [bulk, bulkState] = useMutation(BulkApproveEntriesDocument);
  return {
    ...paged,
    counts,
    approving: bulkState.loading,
    /** All approved or none (the server's rule); the list is read again afterwards. */
    bulkApprove: async (entries: readonly QueueEntry[]) => {
      await bulk({
        variables: {
          input: {
            items: entries.map((e) => ({
              submissionId: e.submission!.id,
              expectedRevision: e.submission!.revision,
            })),
          },
        },
      });
      await paged.refetch();
    },
  };
}
