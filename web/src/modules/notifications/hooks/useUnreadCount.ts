import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { UnreadNotificationCountDocument } from '../../../generated/graphql';

const POLL_MS = 60_000;

/** The signed-in user's unread count: fetched on every navigation and once a minute. */
export function useUnreadCount(enabled: boolean) {
  const location = useLocation();
  const { data, refetch } = useQuery(UnreadNotificationCountDocument, {
    skip: !enabled,
    pollInterval: enabled ? POLL_MS : 0,
    fetchPolicy: 'cache-and-network',
  });
  useEffect(() => {
    if (enabled) void refetch().catch(() => undefined);
  }, [enabled, location.pathname, refetch]);
  return data?.unreadNotificationCount ?? 0;
}
