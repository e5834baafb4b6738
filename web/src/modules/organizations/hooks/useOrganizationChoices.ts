import { useQuery } from '@apollo/client/react';
import { type OrganizationLevel, OrganizationChoicesDocument } from '../../../generated/graphql';
import { useDebounced } from '../../../ui/useDebounced';

/** Organizations matching a search (debounced), for a picker: the first 20 and the total. */
export function useOrganizationChoices(
  search: string,
  filters: {
    withinId?: string | null;
    levels?: OrganizationLevel[];
    reportsOnly?: boolean;
    activeInYear?: number;
  },
  skip = false,
) {
  const query = useDebounced(search.trim(), 250);
  const { data, loading } = useQuery(OrganizationChoicesDocument, {
    variables: {
      withinId: filters.withinId ?? undefined,
      levels: filters.levels,
      reportsOnly: filters.reportsOnly,
      activeInYear: filters.activeInYear,
      search: query || undefined,
      first: 20,
    },
    skip,
  });
  const connection = data?.organizations;
  return {
    options: (connection?.edges ?? []).map((e) => ({
      id: e.node.id,
      label: e.node.name,
      level: e.node.level,
      hint: e.node.parent?.name,
    })),
    total: connection?.totalCount ?? 0,
    loading,
  };
}
