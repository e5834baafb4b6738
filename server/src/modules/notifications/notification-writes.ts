import type { EntityManager } from 'typeorm';
import type { NotificationKind } from './notification.entity';

/** One notification to write, as a list command takes it. */
export type NotificationItem = {
  userId: string;
  kind: NotificationKind;
  organizationId: string;
  submissionId: string | null;
  roundId: string | null;
  params: Record<string, string | number | null>;
  link: string;
  readAt: Date | null;
  createdAt: Date;
};

/**
 * The list commands that write notifications and addresses as they are given, inside the caller's
 * transaction, one statement each (the demo seed builds its inboxes from the history with them).
 */
export const notificationWrites = {
  /** Writes the notifications; returns how many. */
  async insertMany(manager: EntityManager, items: readonly NotificationItem[]): Promise<number> {
    if (items.length === 0) return 0;
    const rows = items.map((item) => ({
      user_id: item.userId,
      kind: item.kind,
      organization_id: item.organizationId,
      submission_id: item.submissionId,
      round_id: item.roundId,
      params: item.params,
      link: item.link,
      read_at: item.readAt?.toISOString() ?? null,
      created_at: item.createdAt.toISOString(),
    }));
    const made = (await manager.query(
      `WITH made AS (
         INSERT INTO notifications
           (user_id, kind, organization_id, submission_id, round_id, params, link, read_at, created_at)
         SELECT x.user_id, x.kind, x.organization_id, x.submission_id, x.round_id, x.params, x.link,
                x.read_at, x.created_at
           FROM jsonb_to_recordset($1::jsonb) AS x(user_id uuid, kind notification_kind,
                organization_id uuid, submission_id uuid, round_id uuid, params jsonb, link text,
                read_at timestamptz, created_at timestamptz)
         RETURNING id
       ) SELECT count(*)::int AS n FROM made`,
      [JSON.stringify(rows)],
    )) as [{ n: number }];
    return made[0].n;
  },
  /** Gives the users their e-mail addresses where they have no settings yet. */
  async ensureEmails(
    manager: EntityManager,
    items: readonly { userId: string; email: string }[],
  ): Promise<void> {
    if (items.length === 0) return;
    await manager.query(
      `INSERT INTO notification_settings (user_id, email)
       SELECT x.user_id, x.email FROM jsonb_to_recordset($1::jsonb) AS x(user_id uuid, email text)
       ON CONFLICT (user_id) DO NOTHING`,
      [JSON.stringify(items.map((i) => ({ user_id: i.userId, email: i.email })))],
    );
  },
};
