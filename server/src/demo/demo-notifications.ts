import type { EntityManager } from 'typeorm';
import { Role } from '../common/permissions';
import { auditLookups } from '../modules/audit';
import { userLookups } from '../modules/auth';
import {
  type NotificationItem,
  NotificationKind,
  notificationWrites,
} from '../modules/notifications';

const DAY = 24 * 60 * 60 * 1000;

/** What a bureau hears of each action on its submissions and rounds. */
const BUREAU_KINDS: Record<string, NotificationKind> = {
  'submission.return': NotificationKind.RETURNED,
  'submission.approve': NotificationKind.APPROVED,
  'submission.publish': NotificationKind.PUBLISHED,
  'submission.reopen': NotificationKind.REOPENED,
  'round.extend': NotificationKind.EXTENDED,
};

/** How many of the latest resubmissions under a reviewer wait in their inbox. */
const REVIEWER_LATEST = 8;

type Organization = { id: string; name: string; path: string };
type Round = { id: string; year: number; status: string; scope_organization_id: string };
type TrailEvent = {
  organization_id: string | null;
  submission_id: string | null;
  round_id: string | null;
  action: string;
  from_status: string | null;
  created_at: Date;
};

/**
 * Demo inboxes: every demo account gets an example.org address, and notifications for what the
 * demo history already holds — the bureau's returns (with the reason), approvals, publications,
 * reopenings and extensions, the round being collected opened, the reviewer's latest
 * resubmissions waiting. Those older than a week are read (a day after). Built from the seeded
 * audit events (read through the read views and the audit module's lookups) and written through
 * the notifications module's list commands, so the inboxes match the history exactly.
 */
export async function seedDemoNotifications(manager: EntityManager, now: Date): Promise<number> {
  const users = await userLookups.demo(manager);
  await notificationWrites.ensureEmails(
    manager,
    users.map((u) => ({ userId: u.id, email: `${u.username}@example.org` })),
  );
  const organizations = new Map(
    (
      (await manager.query(`SELECT id, name, path FROM organization_directory`)) as Organization[]
    ).map((o) => [o.id, o]),
  );
  const rounds = new Map(
    (
      (await manager.query(
        `SELECT id, year, status, scope_organization_id FROM round_directory`,
      )) as Round[]
    ).map((r) => [r.id, r]),
  );
  const weekAgo = now.getTime() - 7 * DAY;
  const readAt = (at: Date) => (at.getTime() < weekAgo ? new Date(at.getTime() + DAY) : null);
  const under = (organizationId: string, scope: Organization) =>
    organizations.get(organizationId)?.path.startsWith(scope.path) ?? false;
  const bureaus = users.filter((u) => u.role === Role.BUREAU);
  const items: NotificationItem[] = [];

  // the bureau's own submissions and rounds
  for (const e of await auditLookups.withActions(manager, Object.keys(BUREAU_KINDS))) {
    const organization = e.organizationId ? organizations.get(e.organizationId) : undefined;
    const round = e.roundId ? rounds.get(e.roundId) : undefined;
    const kind = BUREAU_KINDS[e.action];
    if (!organization || !round || !kind) continue;
    const deadline = e.data?.deadline;
    const params: Record<string, string | number> = {
      organizationName: organization.name,
      year: round.year,
    };
    if (e.reason !== null) params.reason = e.reason;
    if (deadline !== undefined && deadline !== null) params.deadline = String(deadline);
    for (const u of bureaus.filter((b) => b.organizationId === organization.id))
      items.push({
        userId: u.id,
        kind,
        organizationId: organization.id,
        submissionId: e.submissionId,
        roundId: round.id,
        params,
        link: e.submissionId === null ? '/' : `/submissions/${e.submissionId}`,
        readAt: readAt(e.createdAt),
        createdAt: e.createdAt,
      });
  }

  // each reviewer's latest resubmissions from the bodies under them (not their own)
  const trail = (await manager.query(
    `SELECT organization_id, submission_id, round_id, action, from_status, created_at
       FROM audit_trail WHERE action IN ('submission.submit', 'round.create')
      ORDER BY created_at DESC, id`,
  )) as TrailEvent[];
  const resubmissions = trail.filter(
    (e) => e.action === 'submission.submit' && e.from_status === 'RETURNED',
  );
  for (const u of users.filter((r) => r.role === Role.REVIEWER)) {
    const own = organizations.get(u.organizationId);
    if (!own) continue;
    const latest = resubmissions
      .filter((e) => e.organization_id !== null && e.organization_id !== own.id)
      .filter((e) => under(e.organization_id as string, own))
      .slice(0, REVIEWER_LATEST);
    for (const e of latest) {
      const organization = organizations.get(e.organization_id as string) as Organization;
      const round = e.round_id ? rounds.get(e.round_id) : undefined;
      if (!round) continue;
      items.push({
        userId: u.id,
        kind: NotificationKind.RESUBMITTED,
        organizationId: organization.id,
        submissionId: e.submission_id,
        roundId: round.id,
        params: { organizationName: organization.name, year: round.year },
        link: `/review/${e.submission_id}`,
        readAt: readAt(e.created_at),
        createdAt: e.created_at,
      });
    }
  }

  // the round being collected opened for every bureau account under its government (unread)
  for (const e of trail.filter((t) => t.action === 'round.create')) {
    const round = e.round_id ? rounds.get(e.round_id) : undefined;
    const scope = round && organizations.get(round.scope_organization_id);
    if (!round || !scope || round.status !== 'OPEN') continue;
    for (const u of bureaus.filter((b) => under(b.organizationId, scope)))
      items.push({
        userId: u.id,
        kind: NotificationKind.ROUND_OPENED,
        organizationId: u.organizationId,
        submissionId: null,
        roundId: round.id,
        params: { year: round.year, scopeName: scope.name },
        link: '/',
        readAt: null,
        createdAt: e.created_at,
      });
  }
  return notificationWrites.insertMany(manager, items);
}
