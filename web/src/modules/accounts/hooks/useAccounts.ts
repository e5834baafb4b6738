import { usePagedQuery } from '../../../app/usePagedQuery';
import { AccountsDocument, type AccountsQuery, type Role } from '../../../generated/graphql';

export type AccountFilters = {
  search: string;
  role: Role | null;
  scopeOrganizationId: string | null;
  active: boolean | null;
};

export type AccountRow = AccountsQuery['users']['edges'][number]['node'];

const PAGE = 25;

/** One page of accounts at a time, more on demand (cursor paging), with the total. */
export function useAccounts(filters: AccountFilters) {
  const { nodes, ...list } = usePagedQuery(
    AccountsDocument,
    'users',
    {
      search: filters.search.trim() || null,
      role: filters.role,
      scopeOrganizationId: filters.scopeOrganizationId,
      active: filters.active,
      first: PAGE,
    },
    { keepPrevious: true },
  );
  return { rows: nodes, ...list };
}
