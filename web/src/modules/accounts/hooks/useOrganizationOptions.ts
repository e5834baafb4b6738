import { useQuery } from '@apollo/client/react';
import { OrganizationOptionsDocument } from '../../../generated/graphql';
import { useDebounced } from '../../../ui/useDebounced';

/** Organizations whose name matches what is typed (debounced), for pickers. */
export function useOrganizationOptions(search: string) {
  const settled = useDebounced(search.trim(), 250);
  const { data, previousData, loading } = useQuery(OrganizationOptionsDocument, {
    variables: { search: settled || null },
  });
  const shown = data ?? previousData;
  return {
    options: shown?.organizations.edges.map((e) => e.node) ?? [],
    totalCount: shown?.organizations.totalCount ?? 0,
    loading,
  };
}
