import { useMutation } from '@apollo/client/react';
import { usePagedQuery } from '../../../app/usePagedQuery';
import {
  CreateRoundDocument,
  type CreateRoundInput,
  GrantExtensionDocument,
  type GrantExtensionInput,
  type ManagedRoundFragment,
  ManagedRoundsDocument,
  UpdateRoundDocument,
  type UpdateRoundInput,
} from '../../../generated/graphql';

export type ManagedRound = ManagedRoundFragment;
const PAGE = 20;
const REFETCH = ['ManagedRounds', 'Rounds'];

/** The rounds the viewer manages, paged (cursor), filtered by year and the government's name. */
export function useManagedRounds(filters: { year?: number; search?: string }) {
  const { nodes, ...list } = usePagedQuery(ManagedRoundsDocument, 'managedRounds', {
    year: filters.year,
    search: filters.search || undefined,
    first: PAGE,
  });
  return { rounds: nodes, ...list };
}

/** Create, update (deadlines, open/close/reopen) and extend; each refreshes the lists. */
export function useRoundActions() {
  const [create, created] = useMutation(CreateRoundDocument, { refetchQueries: REFETCH });
  const [update, updated] = useMutation(UpdateRoundDocument, { refetchQueries: REFETCH });
  const [extend, extended] = useMutation(GrantExtensionDocument, { refetchQueries: REFETCH });
  return {
    busy: created.loading || updated.loading || extended.loading,
    create: async (input: CreateRoundInput) => (await create({ variables: { input } })).data,
    update: async (input: UpdateRoundInput) => (await update({ variables: { input } })).data,
    extend: async (input: GrantExtensionInput) => (await extend({ variables: { input } })).data,
  };
}
