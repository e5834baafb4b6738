import type { EntityManager } from 'typeorm';

/**
 * Demo inboxes: every demo account gets an example.org address, and notifications for what the
 * demo history already holds — the bureau's returns (with the reason), approvals, publications,
 * reopenings and extensions, the round being collected opened, the reviewer's latest
 * resubmissions waiting. Those older than a week
 * are read. Plain SQL over the seeded audit events, so the inboxes match the history exactly.
 */
export async function seedDemoNotifications(manager: EntityManager, now: Date): Promise<number> {
  await manager.query(
    `INSERT INTO notification_settings (user_id, email)
     SELECT id, username || '@example.org' FROM users WHERE is_demo
     ON CONFLICT (user_id) DO NOTHING`,
  );
  const bureau: { n: number }[] = await manager.query(
    `WITH made AS (
       INSERT INTO notifications
         (user_id, kind, organization_id, submission_id, round_id, params, link, read_at, created_at)
       SELECT u.id,
         (CASE e.action
            WHEN 'submission.return' THEN 'RETURNED'
            WHEN 'submission.approve' THEN 'APPROVED'
            WHEN 'submission.publish' THEN 'PUBLISHED'
            WHEN 'submission.reopen' THEN 'REOPENED'
            ELSE 'EXTENDED' END)::notification_kind,
         e.organization_id, e.submission_id, e.round_id,
         jsonb_strip_nulls(jsonb_build_object(
           'organizationName', o.name, 'year', r.year, 'reason', e.reason,
           'deadline', e.data->>'deadline')),
         CASE WHEN e.submission_id IS NULL THEN '/' ELSE '/submissions/' || e.submission_id END,
         CASE WHEN e.created_at < $1::timestamptz - interval '7 days'
              THEN e.created_at + interval '1 day' END,
         e.created_at
       FROM audit_events e
       JOIN users u ON u.organization_id = e.organization_id AND u.role = 'BUREAU' AND u.is_demo
       JOIN organizations o ON o.id = e.organization_id
       JOIN rounds r ON r.id = e.round_id
       WHERE e.action IN ('submission.return', 'submission.approve', 'submission.publish',
                          'submission.reopen', 'round.extend')
       RETURNING id
     ) SELECT count(*)::int AS n FROM made`,
    [now],
  );
  const reviewers: { n: number }[] = await manager.query(
    `WITH latest AS (
       SELECT e.*, u.id AS user_id,
         row_number() OVER (PARTITION BY u.id ORDER BY e.created_at DESC) AS k
       FROM audit_events e
       JOIN organizations o ON o.id = e.organization_id
       JOIN users u ON u.role = 'REVIEWER' AND u.is_demo
       JOIN organizations uo ON uo.id = u.organization_id
       WHERE e.action = 'submission.submit' AND e.from_status = 'RETURNED'
         AND left(o.path, length(uo.path)) = uo.path AND o.id <> uo.id
     ), made AS (
       INSERT INTO notifications
         (user_id, kind, organization_id, submission_id, round_id, params, link, read_at, created_at)
       SELECT l.user_id, 'RESUBMITTED', l.organization_id, l.submission_id, l.round_id,
         jsonb_build_object('organizationName', o.name, 'year', r.year),
         '/review/' || l.submission_id,
         CASE WHEN l.created_at < $1::timestamptz - interval '7 days'
              THEN l.created_at + interval '1 day' END,
         l.created_at
       FROM latest l
       JOIN organizations o ON o.id = l.organization_id
       JOIN rounds r ON r.id = l.round_id
       WHERE l.k <= 8
       RETURNING id
     ) SELECT count(*)::int AS n FROM made`,
    [now],
  );
  // the round being collected opened for every bureau account under its government (unread)
  const opened: { n: number }[] = await manager.query(
    `WITH made AS (
       INSERT INTO notifications
         (user_id, kind, organization_id, round_id, params, link, created_at)
       SELECT u.id, 'ROUND_OPENED', o.id, r.id,
         jsonb_build_object('year', r.year, 'scopeName', s.name), '/', e.created_at
       FROM rounds r
       JOIN audit_events e ON e.round_id = r.id AND e.action = 'round.create'
       JOIN organizations s ON s.id = r.scope_organization_id
       JOIN users u ON u.role = 'BUREAU' AND u.is_demo
       JOIN organizations o ON o.id = u.organization_id
       WHERE r.status = 'OPEN' AND left(o.path, length(s.path)) = s.path
       RETURNING id
     ) SELECT count(*)::int AS n FROM made`,
  );
  return (bureau[0]?.n ?? 0) + (reviewers[0]?.n ?? 0) + (opened[0]?.n ?? 0);
}
