import { useMutation, useQuery } from '@apollo/client/react';
import {
  CloseOrganizationDocument,
  CreateOrganizationDocument,
  UpdateOrganizationDocument,
  OrganizationClosePreviewDocument,
  OrganizationLevelDocument,
  OrganizationSearchDocument,
  type OrganizationTreeNodeFragment,
} from '../../../generated/graphql';

export type TreeNode = OrganizationTreeNodeFragment;
export const LEVEL_PAGE = 50;
const REFETCH = ['OrganizationLevel', 'OrganizationSearch'];

/** One page of a level of the tree (children of a node, or the roots). */
export function useOrganizationLevel(parentId: string | null, year: number, after: string | null) {
  const { data, loading, error } = useQuery(OrganizationLevelDocument, {
    variables: { parentId, roots: parentId ? null : true, year, first: LEVEL_PAGE, after },
  });
  return {
    nodes: data?.organizations.edges.map((e) => e.node) ?? [],
    totalCount: data?.organizations.totalCount ?? 0,
    next: data?.organizations.pageInfo.hasNextPage ? data.organizations.pageInfo.endCursor : null,
    loading: loading && !data,
    error,
  };
}

/** One page of the bodies whose name or code contains the query, each with its ancestors. */
export function useOrganizationSearch(search: string, year: number, after: string | null) {
  const { data, loading, error } = useQuery(OrganizationSearchDocument, {
    variables: { search, year, first: LEVEL_PAGE, after },
    skip: search.trim() === '',
  });
  return {
    hits:
      data?.organizations.edges.map((e) => ({ node: e.node, ancestors: e.node.ancestors })) ?? [],
    totalCount: data?.organizations.totalCount ?? 0,
    next: data?.organizations.pageInfo.hasNextPage ? data.organizations.pageInfo.endCursor : null,
    loading: loading && !data,
    error,
  };
}

export function useClosePreview(id: string | null, lastYear: number | null) {
  const { data, loading, error } = useQuery(OrganizationClosePreviewDocument, {
    variables: { id: id ?? '', lastYear: lastYear ?? 0 },
    skip: !id || lastYear === null,
    fetchPolicy: 'network-only',
  });
  return { preview: data?.organizationClosePreview ?? null, loading, error };
}

/** Create, edit (rename, move, kind, peer group, years) and close, refreshing the tree after. */
export function useOrganizationActions() {
  const [create, creating] = useMutation(CreateOrganizationDocument, {
    refetchQueries: REFETCH,
    awaitRefetchQueries: true,
  });
  const [update, updating] = useMutation(UpdateOrganizationDocument, {
    refetchQueries: REFETCH,
    awaitRefetchQueries: true,
  });
  const [close, closing] = useMutation(CloseOrganizationDocument, {
    refetchQueries: REFETCH,
    awaitRefetchQueries: true,
  });
  return {
    create,
    update,
    close,
    busy: creating.loading || updating.loading || closing.loading,
  };
}
