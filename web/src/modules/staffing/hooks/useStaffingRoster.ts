import { useMutation, useQuery } from '@apollo/client/react';
import {
  ApplyStaffingPrefillDocument,
  AssignPostDocument,
  ConfirmRosterDocument,
  DeclarePostVacancyDocument,
  RecordTrainingDocument,
  RemovePostAssignmentDocument,
  RemoveTrainingDocument,
  StaffingPrefillDocument,
  StaffingRosterDocument,
  UpdateLeadingGroupDocument,
  UpdatePostAssignmentDocument,
  type StaffingRosterQuery,
} from '../../../generated/graphql';

export type Roster = StaffingRosterQuery['staffingRoster'];
export type RosterPost = Roster['posts'][number];
export type RosterHolder = RosterPost['holders'][number];

/** An organization's roster for a round (names: the server sends them only within scope). */
export function useStaffingRoster(organizationId: string | undefined, roundId: string | undefined) {
  const { data, loading, error, refetch } = useQuery(StaffingRosterDocument, {
    variables: { organizationId: organizationId ?? '', roundId: roundId ?? '' },
    skip: !organizationId || !roundId,
    fetchPolicy: 'cache-and-network',
  });
  return { roster: data?.staffingRoster ?? null, loading: loading && !data, error, refetch };
}

/** Roster edits; each one refetches the roster (its flags and vacancy days are computed). */
export function useRosterEdits() {
  const refetchQueries = [StaffingRosterDocument];
  const options = { refetchQueries, awaitRefetchQueries: true } as const;
  const [assign, assigning] = useMutation(AssignPostDocument, options);
  const [update, updating] = useMutation(UpdatePostAssignmentDocument, options);
  const [remove] = useMutation(RemovePostAssignmentDocument, options);
  const [declare] = useMutation(DeclarePostVacancyDocument, options);
  const [recordTraining, recording] = useMutation(RecordTrainingDocument, options);
  const [removeTraining] = useMutation(RemoveTrainingDocument, options);
  const [leadingGroup] = useMutation(UpdateLeadingGroupDocument, options);
  const [confirm, confirming] = useMutation(ConfirmRosterDocument, options);
  const [applyPrefill, applying] = useMutation(ApplyStaffingPrefillDocument, {
    ...options,
    refetchQueries: [StaffingRosterDocument, StaffingPrefillDocument],
  });
  return {
    assign,
    update,
    remove,
    declare,
    recordTraining,
    removeTraining,
    leadingGroup,
    confirm,
    applyPrefill,
    busy:
      assigning.loading ||
      updating.loading ||
      recording.loading ||
      confirming.loading ||
      applying.loading,
  };
}

export function useStaffingPrefill(organizationId: string, roundId: string | undefined) {
  const { data, loading } = useQuery(StaffingPrefillDocument, {
    variables: { organizationId, roundId: roundId ?? '' },
    skip: !roundId,
  });
  return { prefill: data?.staffingPrefill ?? null, loading: loading && !data };
}
