import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { RestError } from '../../../app/error-text';
import { usePagedQuery } from '../../../app/usePagedQuery';
import {
  CancelImportBatchDocument,
  ImportBatchDocument,
  ImportBatchesDocument,
  type ImportItemStatus,
  ResolveImportItemDocument,
} from '../../../generated/graphql';

/** While a batch runs, its progress is asked for again this often (ms). */
export const POLL_MS = 1500;
export const ITEMS_PAGE = 50;

/** `POST /api/import-batches`: a .zip or several report files for a region and a year. */
export function useStartImport() {
  const [busy, setBusy] = useState(false);
  const start = async (input: {
    files: readonly File[];
    scopeOrganizationId: string;
    year: number;
  }): Promise<{ id: string; total: number }> => {
    setBusy(true);
    try {
      const body = new FormData();
      body.append('scopeOrganizationId', input.scopeOrganizationId);
      body.append('year', String(input.year));
      for (const file of input.files) body.append('files', file);
      const res = await fetch('/api/import-batches', {
        method: 'POST',
        body,
        credentials: 'same-origin',
      });
      if (!res.ok) throw await RestError.from(res);
      return (await res.json()) as { id: string; total: number };
    } finally {
      setBusy(false);
    }
  };
  return { busy, start };
}

export function useImportBatches() {
  return usePagedQuery(ImportBatchesDocument, 'importBatches', { first: 10 });
}

/** One batch with its counts and items (paged, optionally of some statuses), polled while it runs. */
export function useImportBatch(id: string | null, statuses: ImportItemStatus[] | null) {
  const variables = { id: id ?? '', statuses: statuses ?? undefined, first: ITEMS_PAGE };
  const { data, previousData, loading, error, fetchMore, refetch, startPolling, stopPolling } =
    useQuery(ImportBatchDocument, { variables, skip: !id, notifyOnNetworkStatusChange: false });
  const batch = (data ?? previousData)?.importBatch ?? null;
  const running = batch?.status === 'RUNNING';
  return {
    batch: batch && batch.id === id ? batch : null,
    loading,
    error,
    refetch,
    running,
    startPolling,
    stopPolling,
    loadMore: () =>
      fetchMore({
        variables: { ...variables, after: batch?.items.pageInfo.endCursor ?? null },
        updateQuery: (previous, { fetchMoreResult }) => ({
          ...fetchMoreResult,
          importBatch: {
            ...fetchMoreResult.importBatch,
            items: {
              ...fetchMoreResult.importBatch.items,
              edges: [
                ...(previous.importBatch?.items.edges ?? []),
                ...fetchMoreResult.importBatch.items.edges,
              ],
            },
          },
        }),
      }),
  };
}

export function useResolveImportItem() {
  return useMutation(ResolveImportItemDocument);
}

export function useCancelImportBatch() {
  return useMutation(CancelImportBatchDocument);
}
