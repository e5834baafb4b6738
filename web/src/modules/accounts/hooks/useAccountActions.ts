import { useMutation } from '@apollo/client/react';
import {
  CreateAccountDocument,
  CreateBureauAccountsDocument,
  type CreateUserInput,
  ResetAccountPasswordDocument,
  SetAccountActiveDocument,
  type UpdateUserInput,
  UpdateAccountDocument,
} from '../../../generated/graphql';

const refetchQueries = ['Accounts'];

/** The account administration mutations; each refreshes the list when done. */
export function useAccountActions() {
  const [create, createState] = useMutation(CreateAccountDocument, { refetchQueries });
  const [bulk, bulkState] = useMutation(CreateBureauAccountsDocument, { refetchQueries });
  const [reset, resetState] = useMutation(ResetAccountPasswordDocument, { refetchQueries });
  const [setActive, setActiveState] = useMutation(SetAccountActiveDocument, { refetchQueries });
  const [update, updateState] = useMutation(UpdateAccountDocument, { refetchQueries });
  return {
    createAccount: async (input: CreateUserInput) =>
      (await create({ variables: { input } })).data?.createUser ?? null,
    createBureauAccounts: async (scopeOrganizationId: string) =>
      (await bulk({ variables: { input: { scopeOrganizationId } } })).data?.createBureauAccounts ??
      null,
    resetPassword: async (userId: string) =>
      (await reset({ variables: { input: { userId } } })).data?.resetPassword ?? null,
    setActive: async (userId: string, active: boolean) =>
      (await setActive({ variables: { input: { userId, active } } })).data?.setUserActive ?? null,
    updateAccount: async (input: UpdateUserInput) =>
      (await update({ variables: { input } })).data?.updateUser ?? null,
    busy:
      createState.loading ||
      bulkState.loading ||
      resetState.loading ||
      setActiveState.loading ||
      updateState.loading,
  };
}
