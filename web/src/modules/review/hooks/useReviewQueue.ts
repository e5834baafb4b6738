import { useApolloClient, useMutation } from '@apollo/client/react';
import { usePagedQuery } from '../../../app/usePagedQuery';
import {
  BulkApproveEntriesDocument,
  type QueueStatus,
  ReviewQueueEntriesDocument,
  type ReviewQueueEntriesQuery,
} from '../../../generated/graphql';
import { AWAITING, type QueueFilters } from '../utils/queue-filters';

export type QueueEntry = ReviewQueueEntriesQuery['reviewQueueEntries']['edges'][number]['node'];

export const QUEUE_PAGE = 50;
/** The server approves at most this many at once (`bulkApprove`). */
export const BULK_LIMIT = 200;

/**
 * The review queue of a round, filtered and sorted by the server, a page at a time (`loadMore`
 * appends the next), with the total and the counts per status; and bulk approval.
 */
export function useReviewQueue(roundId: string, filters: QueueFilters, search: string) {
  const client = useApolloClient();
  const variables = {
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
  };
  const paged = usePagedQuery(ReviewQueueEntriesDocument, 'reviewQueueEntries', variables, {
    keepPrevious: true,
  });
  const counts = new Map<QueueStatus, number>(
    (paged.connection?.statusCounts ?? []).map((c) => [c.status, c.count]),
  );
  const [bulk, bulkState] = useMutation(BulkApproveEntriesDocument);
  return {
    ...paged,
    counts,
    approving: bulkState.loading,
    /**
     * Every entry matching the filters that the viewer may decide now, read page by page from
     * the server (at most `BULK_LIMIT` + 1, enough to tell there are too many).
     */
    decidableMatching: async (): Promise<QueueEntry[]> => {
      const statuses = (variables.statuses ?? [...AWAITING]).filter((s) => AWAITING.includes(s));
      if (statuses.length === 0) return [];
      const out: QueueEntry[] = [];
      let after: string | null = null;
      for (;;) {
        const result: { data?: ReviewQueueEntriesQuery } = await client.query({
          query: ReviewQueueEntriesDocument,
          variables: { ...variables, statuses, first: 100, after },
          fetchPolicy: 'network-only',
        });
        const page = result.data?.reviewQueueEntries;
        if (!page) return out;
        out.push(...page.edges.map((e) => e.node).filter((e) => e.decidable && e.submission));
        if (!page.pageInfo.hasNextPage || out.length > BULK_LIMIT) return out;
        after = page.pageInfo.endCursor;
      }
    },
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
