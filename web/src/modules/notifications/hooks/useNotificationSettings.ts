import { useMutation, useQuery } from '@apollo/client/react';
import {
  NotificationSettingsDocument,
  UpdateNotificationSettingsDocument,
} from '../../../generated/graphql';

/** The signed-in user's e-mail address and per-kind e-mail choices. */
export function useNotificationSettings() {
  const { data, loading, error } = useQuery(NotificationSettingsDocument);
  const [mutate, saving] = useMutation(UpdateNotificationSettingsDocument, {
    refetchQueries: [NotificationSettingsDocument],
  });
  return {
    settings: data?.notificationSettings ?? null,
    loading: loading && !data,
    error,
    saving: saving.loading,
    save: (email: string, emailOptOut: string[]) =>
      mutate({ variables: { input: { email, emailOptOut } } }),
  };
}
