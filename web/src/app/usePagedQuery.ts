import type { TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';

/** The cursor-paged shape every list query returns (see the server's `pagination.ts`). */
export type Connection<TNode> = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: ReadonlyArray<{ node: TNode }>;
};

type NodeOf<C> = C extends Connection<infer TNode> ? TNode : never;
type PagedVariables = { first?: number | null; after?: string | null };

/**
 * One page of a list query at a time, the next on demand (`loadMore` appends its edges), with the
 * total. `field` names the connection in the query's data. With `keepPrevious` the rows of the
 * last answer stay on screen while a changed filter loads.
 */
export function usePagedQuery<
  TData extends { [K in TField]: Connection<unknown> },
  TVariables extends PagedVariables,
  TField extends keyof TData & string,
>(
  document: TypedDocumentNode<TData, TVariables>,
  field: TField,
  variables: TVariables,
  options: { keepPrevious?: boolean } = {},
) {
  const { data, previousData, loading, error, fetchMore, refetch } = useQuery(document, {
    variables,
    notifyOnNetworkStatusChange: true,
  } as useQuery.Options<TData, TVariables>);
  const shown = (options.keepPrevious ? (data ?? previousData) : data) as TData | undefined;
  const connection = shown?.[field];
  const loadMore = () =>
    fetchMore({
      variables: { ...variables, after: connection?.pageInfo.endCursor ?? null },
      updateQuery: (previous, { fetchMoreResult }) =>
        ({
          ...fetchMoreResult,
          [field]: {
            ...fetchMoreResult[field],
            edges: [
              ...((previous as Partial<TData>)[field]?.edges ?? []),
              ...fetchMoreResult[field].edges,
            ],
          },
        }) as typeof fetchMoreResult,
    });
  return {
    nodes: (connection?.edges.map((e) => e.node) ?? []) as NodeOf<TData[TField]>[],
    totalCount: connection?.totalCount ?? 0,
    hasMore: connection?.pageInfo.hasNextPage ?? false,
    loading,
    error,
    loadMore,
    refetch,
    /** The connection as answered (for fields beside the edges, like counts). */
    connection: connection as TData[TField] | undefined,
  };
}
