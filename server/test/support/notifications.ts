import { gqlOk, type UserKey, type World } from './world';

/** The notification tests' GraphQL documents and small readers. */
export const SETTINGS =
  'mutation($i: NotificationSettingsInput!) { updateNotificationSettings(input: $i) { email emailOptOut mailEnabled } }';
export const INBOX =
  '{ unreadNotificationCount notifications(first: 50) { totalCount edges { node { id kind link params readAt organizationId } } } }';
export const REMIND =
  'mutation($i: RemindBodiesInput!) { remindBodies(input: $i) { reminded skippedQuiet skippedSubmitted quietHours } }';

export type Inbox = {
  unreadNotificationCount: number;
  notifications: {
    totalCount: number;
    edges: {
      node: {
        id: string;
        kind: string;
        link: string;
        params: Record<string, unknown>;
        readAt: string | null;
        organizationId: string;
      };
    }[];
  };
};

export const inbox = (w: World, who: UserKey) => gqlOk<Inbox>(w.app, INBOX, {}, w.cookie[who]);
export const kindsOf = (i: Inbox) => i.notifications.edges.map((e) => e.node.kind);
export const mailOf = (w: World, who: UserKey) => `${w.username[who]}@example.org`;

/** Shanghai noon of a day plus `days`. */
export const noonAfter = (day: string, days: number) =>
  new Date(Date.parse(`${day}T12:00:00+08:00`) + days * 86_400_000);
