import { useMutation } from '@apollo/client/react';
import { usePagedQuery } from '../../../app/usePagedQuery';
import {
  MarkNotificationsReadDocument,
  NotificationsDocument,
  UnreadNotificationCountDocument,
} from '../../../generated/graphql';

/** The inbox, a page at a time, and marking read (one, or every unread one). */
export function useInbox(unreadOnly: boolean) {
  const list = usePagedQuery(
    NotificationsDocument,
    'notifications',
    { first: 20, unreadOnly },
    { keepPrevious: true },
  );
  const [mutate, { loading: marking }] = useMutation(MarkNotificationsReadDocument, {
    refetchQueries: [NotificationsDocument, UnreadNotificationCountDocument],
    awaitRefetchQueries: true,
  });
  return {
    ...list,
    marking,
    markRead: (ids: string[] | null) =>
      mutate({ variables: { input: ids ? { ids } : {} } }).then(
        (r) => r.data?.markNotificationsRead,
      ),
  };
}
