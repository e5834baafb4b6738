import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import { type Actor, scopeCondition } from '../../common/actor';
import { badInput, badInputs } from '../../common/domain-error';
import { type Connection, type Page } from '../../common/pagination';
import { newestFirstPage } from '../../common/newest-first-page';
import { isUuid } from '../../common/uuid';
import { type AuditEventInput, AuditService } from '../audit';
import { MailDeliveryService } from './mail-delivery.service';
import type { NotificationParams } from './notification-mail';
import { NotificationSettingsEntity } from './notification-settings.entity';
import { NotificationEntity, NotificationKind } from './notification.entity';

/** Plausible address: one @, a dot in the domain, no spaces or angle brackets, ≤ 254 characters. */
const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;.]{2,}$/;
export const MAX_EMAIL_LENGTH = 254;

export type Recipients =
  /** the active bureau accounts of the organization */
  | { bureauOf: string }
  /** active reviewers whose office is above the organization */
  | { reviewersAbove: string }
  /** active bureau accounts of every body under a node that reports in a year */
  | { bureausUnder: string; year: number };

export type NotifyInput = {
  kind: NotificationKind;
  recipients: Recipients;
  organizationId: string;
  submissionId?: string | null;
  roundId?: string | null;
  params: NotificationParams;
  link: string;
  /** Not notified about their own action. */
  exceptUserId?: string | null;
};

export type NotificationSettingsInput = { email?: string | null; emailOptOut?: string[] | null };

const WORKFLOW_KINDS: Record<string, NotificationKind> = {
  'submission.return': NotificationKind.RETURNED,
  'submission.approve': NotificationKind.APPROVED,
  'submission.publish': NotificationKind.PUBLISHED,
  'submission.reopen': NotificationKind.REOPENED,
};

/**
 * In-app notifications and their e-mails. Notifications are written by an audit observer in the
 * transaction of the change (returned, approved, published, reopened, resubmitted, extension,
 * round opened, 催报) or by the reminder scan in the transaction of its ledger entry; their
 * e-mails are queued in the same transaction (`MailDeliveryService`).
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly mail: MailDeliveryService,
    @InjectRepository(NotificationEntity)
    private readonly notifications: Repository<NotificationEntity>,
  ) {}

  onModuleInit(): void {
    this.audit.observe((manager, actor, events) => this.onAudit(manager, actor, events));
  }

  // ---- writing notifications --------------------------------------------------------------------

  private async onAudit(
    manager: EntityManager,
    actor: Actor | null,
    events: readonly AuditEventInput[],
  ): Promise<void> {
    for (const e of events) {
      const kind = WORKFLOW_KINDS[e.action];
      const except = actor?.userId ?? null;
      if (kind && e.submissionId) {
        const params = await this.describe(manager, e.organizationId, e.roundId ?? null);
        await this.notify(manager, {
          kind,
          recipients: { bureauOf: e.organizationId },
          organizationId: e.organizationId,
          submissionId: e.submissionId,
          roundId: e.roundId ?? null,
          params: {
            ...params,
            reason: e.reason ?? null,
            comments: typeof e.data?.comments === 'number' ? e.data.comments : null,
          },
          link: `/submissions/${e.submissionId}`,
          exceptUserId: except,
        });
      } else if (
        e.action === 'submission.submit' &&
        e.fromStatus === 'RETURNED' &&
        e.submissionId
      ) {
        const params = await this.describe(manager, e.organizationId, e.roundId ?? null);
        await this.notify(manager, {
          kind: NotificationKind.RESUBMITTED,
          recipients: { reviewersAbove: e.organizationId },
          organizationId: e.organizationId,
          submissionId: e.submissionId,
          roundId: e.roundId ?? null,
          params,
          link: `/review/${e.submissionId}`,
          exceptUserId: except,
        });
      } else if (e.action === 'round.extend' && e.roundId) {
        const params = await this.describe(manager, e.organizationId, e.roundId);
        await this.notify(manager, {
          kind: NotificationKind.EXTENDED,
          recipients: { bureauOf: e.organizationId },
          organizationId: e.organizationId,
          roundId: e.roundId,
          params: { ...params, deadline: String(e.data?.deadline ?? ''), reason: e.reason ?? null },
          link: await this.bodyLink(manager, e.roundId, e.organizationId),
          exceptUserId: except,
        });
      } else if (
        e.roundId &&
        ((e.action === 'round.create' && e.toStatus === 'OPEN') ||
          (e.action === 'round.update' && e.fromStatus !== 'OPEN' && e.toStatus === 'OPEN'))
      ) {
        const year = Number(e.data?.year);
        await this.notify(manager, {
          kind: NotificationKind.ROUND_OPENED,
          recipients: { bureausUnder: e.organizationId, year },
          organizationId: e.organizationId,
          roundId: e.roundId,
          params: { year, scopeName: String(e.data?.scopeName ?? '') },
          link: '/',
          exceptUserId: except,
        });
      } else if (e.action === 'notification.remind' && e.roundId) {
        await this.notify(manager, {
          kind: NotificationKind.REMINDER,
          recipients: { bureauOf: e.organizationId },
          organizationId: e.organizationId,
          roundId: e.roundId,
          params: {
            organizationName: String(e.data?.organizationName ?? ''),
            year: Number(e.data?.year),
            deadline: String(e.data?.deadline ?? ''),
            message: e.reason ?? null,
          },
          link: await this.bodyLink(manager, e.roundId, e.organizationId),
          exceptUserId: except,
        });
      }
    }
  }

  private async describe(
    manager: EntityManager,
    organizationId: string,
    roundId: string | null,
  ): Promise<NotificationParams> {
    const rows: { name: string; year: number | null }[] = await manager.query(
      `SELECT o.name, r.year FROM organization_directory o LEFT JOIN round_directory r ON r.id = $2 WHERE o.id = $1`,
      [organizationId, roundId],
    );
    return { organizationName: rows[0]?.name ?? '', year: rows[0]?.year ?? null };
  }

  /** The body's submission page in the round when it has started one, else the home page. */
  async bodyLink(manager: EntityManager, roundId: string, organizationId: string): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM submission_states WHERE round_id = $1 AND organization_id = $2`,
      [roundId, organizationId],
    );
    return rows[0] ? `/submissions/${rows[0].id}` : '/';
  }

  /**
   * Writes the notification for every recipient, inside the caller's transaction, and — with
   * e-mail on — the deliveries and their jobs. Returns how many users were notified.
   */
  async notify(manager: EntityManager, input: NotifyInput): Promise<number> {
    const r = input.recipients;
    const [recipientSql, recipientParams]: [string, unknown[]] =
      'bureauOf' in r
        ? [
            `SELECT u.id, NULL::uuid AS org_id FROM user_contacts u WHERE u.organization_id = $1 AND u.role = 'BUREAU' AND u.active`,
            [r.bureauOf],
          ]
        : 'reviewersAbove' in r
          ? [
              `SELECT u.id, NULL::uuid AS org_id FROM user_contacts u
               JOIN organization_directory uo ON uo.id = u.organization_id
               JOIN organization_directory t ON t.id = $1
               WHERE u.role = 'REVIEWER' AND u.active AND uo.id <> t.id
                 AND left(t.path, length(uo.path)) = uo.path`,
              [r.reviewersAbove],
            ]
          : [
              `SELECT u.id, o.id AS org_id FROM user_contacts u
               JOIN organization_directory o ON o.id = u.organization_id
               JOIN organization_directory s ON s.id = $1
               WHERE u.role = 'BUREAU' AND u.active AND left(o.path, length(s.path)) = s.path
                 AND (o.active_from_year IS NULL OR o.active_from_year <= $2)
                 AND (o.active_to_year IS NULL OR o.active_to_year >= $2)`,
              [r.bureausUnder, r.year],
            ];
    const offset = recipientParams.length;
    const inserted: { id: string; user_id: string }[] = await manager.query(
      `INSERT INTO notifications (user_id, kind, organization_id, submission_id, round_id, params, link)
       SELECT rcpt.id, $${offset + 1}::notification_kind, COALESCE(rcpt.org_id, $${offset + 2}::uuid),
         $${offset + 3}::uuid, $${offset + 4}::uuid, $${offset + 5}::jsonb, $${offset + 6}::varchar
       FROM (${recipientSql}) AS rcpt
       WHERE rcpt.id IS DISTINCT FROM $${offset + 7}::uuid
       RETURNING id, user_id`,
      [
        ...recipientParams,
        input.kind,
        input.organizationId,
        input.submissionId ?? null,
        input.roundId ?? null,
        JSON.stringify(input.params),
        input.link,
        input.exceptUserId ?? null,
      ],
    );
    if (inserted.length > 0 && this.mail.enabled) await this.mail.enqueue(manager, input, inserted);
    return inserted.length;
  }

  // ---- the inbox ------------------------------------------------------------------------------------

  /** The actor's notifications about organizations they may still read, newest first. */
  async list(
    actor: Actor,
    filter: { unreadOnly?: boolean | null },
    page: Page,
  ): Promise<Connection<NotificationEntity>> {
    const scope = scopeCondition(actor, 'o');
    const qb = this.notifications
      .createQueryBuilder('n')
      .innerJoin('organization_directory', 'o', 'o.id = n.organization_id')
      .where('n.user_id = :me', { me: actor.userId })
      .andWhere(scope.sql, scope.params);
    if (filter.unreadOnly) qb.andWhere('n.read_at IS NULL');
    return newestFirstPage(qb, page);
  }

  async unreadCount(actor: Actor): Promise<number> {
    const scope = scopeCondition(actor, 'o');
    return this.notifications
      .createQueryBuilder('n')
      .innerJoin('organization_directory', 'o', 'o.id = n.organization_id')
      .where('n.user_id = :me AND n.read_at IS NULL', { me: actor.userId })
      .andWhere(scope.sql, scope.params)
      .getCount();
  }

  /** Marks the actor's own notifications read (all of them when `ids` is null); returns how many. */
  async markRead(actor: Actor, ids: readonly string[] | null): Promise<number> {
    if (ids) {
      const bad = ids.findIndex((id) => !isUuid(id));
      if (bad >= 0) throw badInput(`input.ids[${bad}]`, 'not an id', { key: 'common.notAnId' });
    }
    return this.dataSource.transaction(async (manager) => {
      // a CTE, so that the driver answers rows (an UPDATE alone answers [rows, count])
      const rows: { n: number }[] = await manager.query(
        `WITH changed AS (
           UPDATE notifications SET read_at = now()
           WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
           RETURNING id
         ) SELECT count(*)::int AS n FROM changed`,
        [actor.userId, ids ? [...ids] : null],
      );
      const count = rows[0]?.n ?? 0;
      if (count > 0)
        await this.audit.record(manager, actor, {
          organizationId: actor.organizationId,
          action: 'notification.read',
          data: { count, all: ids === null },
        });
      return count;
    });
  }

  async settings(actor: Actor): Promise<NotificationSettingsEntity> {
    const found = await this.dataSource.manager.findOne(NotificationSettingsEntity, {
      where: { userId: actor.userId },
    });
    return (
      found ??
      Object.assign(new NotificationSettingsEntity(), {
        userId: actor.userId,
        email: null,
        emailOptOut: [],
        updatedAt: new Date(0),
      })
    );
  }

  /** Sets the actor's e-mail address (validated; empty clears it) and the kinds not e-mailed. */
  async updateSettings(
    actor: Actor,
    input: NotificationSettingsInput,
  ): Promise<NotificationSettingsEntity> {
    const problems = [];
    const email = input.email?.trim() ?? null;
    if (email && (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email)))
      problems.push({
        field: 'input.email',
        message: `not an e-mail address: ${email.slice(0, 60)}`,
        reason: { key: 'notification.emailInvalid', params: { email: email.slice(0, 60) } },
      });
    const kinds = new Set<string>(Object.values(NotificationKind));
    const optOut = input.emailOptOut ?? null;
    optOut?.forEach((k, i) => {
      if (!kinds.has(k))
        problems.push({
          field: `input.emailOptOut[${i}]`,
          message: `unknown kind of notification: ${k.slice(0, 40)}`,
          reason: { key: 'notification.unknownKind' },
        });
    });
    if (problems.length) throw badInputs(problems);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.settings(actor);
      const next = manager.create(NotificationSettingsEntity, {
        userId: actor.userId,
        email: input.email === undefined ? current.email : email || null,
        emailOptOut: optOut === null ? current.emailOptOut : [...new Set(optOut)].sort(),
      });
      const saved = await manager.save(next);
      await this.audit.record(manager, actor, {
        organizationId: actor.organizationId,
        action: 'notification.settings',
        data: {
          emailChanged: saved.email !== current.email,
          emailOptOut: saved.emailOptOut,
        },
      });
      return saved;
    });
  }
}
