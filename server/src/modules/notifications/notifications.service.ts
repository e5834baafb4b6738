import {
  Inject,
  Injectable,
  Logger,
  type OnModuleInit,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import nodemailer, { type Transporter } from 'nodemailer';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, type EntityManager, In, Repository } from 'typeorm';
import { type Actor, scopeCondition } from '../../common/actor';
import { badInput, badInputs } from '../../common/domain-error';
import { type Connection, type Page, toConnection } from '../../common/pagination';
import { isUuid } from '../../common/uuid';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { type AuditEventInput, AuditService } from '../audit/audit.service';
import { JOBS_SCHEMA, JobsService } from './jobs.service';
import { MailDeliveryEntity, MailDeliveryStatus } from './mail-delivery.entity';
import { type NotificationParams, notificationMail } from './notification-mail';
import { NotificationSettingsEntity } from './notification-settings.entity';
import { NotificationEntity, NotificationKind } from './notification.entity';

export const MAIL_QUEUE = 'mail-send';
export const MAIL_SWEEP_QUEUE = 'mail-sweep';

/** How long an unsent e-mail may wait without a job before the sweep queues it again. */
const STRANDED_AFTER_MINUTES = 10;
/** Plausible address: one @, a dot in the domain, no spaces or angle brackets, ≤ 254 characters. */
const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;.]{2,}$/;
export const MAX_EMAIL_LENGTH = 254;

/** The origin of the request being served, for links in e-mails when no public URL is set. */
export const requestOrigin = new AsyncLocalStorage<string>();

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
 * round opened, 催报) or by the reminder scan in the transaction of its ledger entry. E-mails are
 * rows of `mail_deliveries` plus a pg-boss job enqueued in the same transaction; a worker sends
 * them, retrying with back-off, and records what the SMTP server answered. A failing SMTP server
 * never fails the user's action.
 */
@Injectable()
export class NotificationsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private transport: Transporter | null = null;
  private lastOrigin: string | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    @InjectRepository(NotificationEntity)
    private readonly notifications: Repository<NotificationEntity>,
    @InjectRepository(MailDeliveryEntity)
    private readonly deliveries: Repository<MailDeliveryEntity>,
  ) {}

  onModuleInit(): void {
    this.audit.observe((manager, actor, events) => this.onAudit(manager, actor, events));
    const n = this.config.notifications;
    if (n.smtpUrl && n.jobs) {
      const url = new URL(n.smtpUrl);
      for (const [key, value] of [
        ['connectionTimeout', '10000'],
        ['greetingTimeout', '10000'],
        ['socketTimeout', '30000'],
      ] as const)
        if (!url.searchParams.has(key)) url.searchParams.set(key, value);
      this.transport = nodemailer.createTransport(url.toString());
      this.jobs.register({
        name: MAIL_QUEUE,
        handler: (data) => this.deliver(String(data.deliveryId)),
        retryLimit: n.mailRetries,
        retryDelay: n.mailRetrySeconds,
      });
      this.jobs.register({
        name: MAIL_SWEEP_QUEUE,
        handler: async () => {
          const n = await this.requeueStranded();
          if (n > 0) this.logger.warn(`queued ${n} unsent e-mail(s) again that had no job left`);
        },
        cron: '*/10 * * * *',
      });
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
    this.transport = null;
  }

  /** Whether e-mails are sent (SMTP configured and the job queue running here). */
  get mailEnabled(): boolean {
    return this.transport !== null && this.jobs.running;
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
      `SELECT o.name, r.year FROM organizations o LEFT JOIN rounds r ON r.id = $2 WHERE o.id = $1`,
      [organizationId, roundId],
    );
    return { organizationName: rows[0]?.name ?? '', year: rows[0]?.year ?? null };
  }

  /** The body's submission page in the round when it has started one, else the home page. */
  async bodyLink(manager: EntityManager, roundId: string, organizationId: string): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM submissions WHERE round_id = $1 AND organization_id = $2`,
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
            `SELECT u.id, NULL::uuid AS org_id FROM users u WHERE u.organization_id = $1 AND u.role = 'BUREAU' AND u.active`,
            [r.bureauOf],
          ]
        : 'reviewersAbove' in r
          ? [
              `SELECT u.id, NULL::uuid AS org_id FROM users u
               JOIN organizations uo ON uo.id = u.organization_id
               JOIN organizations t ON t.id = $1
               WHERE u.role = 'REVIEWER' AND u.active AND uo.id <> t.id
                 AND left(t.path, length(uo.path)) = uo.path`,
              [r.reviewersAbove],
            ]
          : [
              `SELECT u.id, o.id AS org_id FROM users u
               JOIN organizations o ON o.id = u.organization_id
               JOIN organizations s ON s.id = $1
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
    if (inserted.length > 0 && this.mailEnabled) await this.enqueueMail(manager, input, inserted);
    return inserted.length;
  }

  private async enqueueMail(
    manager: EntityManager,
    input: NotifyInput,
    inserted: { id: string; user_id: string }[],
  ): Promise<void> {
    const settings = await manager.find(NotificationSettingsEntity, {
      where: { userId: In(inserted.map((i) => i.user_id)) },
    });
    const byUser = new Map(settings.map((s) => [s.userId, s]));
    const mail = notificationMail(input.kind, input.params, this.absolute(input.link));
    for (const n of inserted) {
      const s = byUser.get(n.user_id);
      if (!s?.email || s.emailOptOut.includes(input.kind)) continue;
      const delivery = await manager.save(
        manager.create(MailDeliveryEntity, {
          notificationId: n.id,
          recipient: s.email,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          status: MailDeliveryStatus.PENDING,
        }),
      );
      await this.jobs.sendInTransaction(
        manager,
        MAIL_QUEUE,
        { deliveryId: delivery.id },
        {
          retryLimit: this.config.notifications.mailRetries,
          retryDelay: this.config.notifications.mailRetrySeconds,
        },
      );
    }
  }

  /** An absolute URL for a path of the web app. */
  absolute(path: string): string {
    const current = requestOrigin.getStore();
    if (current) this.lastOrigin = current;
    const origin =
      this.config.notifications.publicUrl ??
      current ??
      this.lastOrigin ??
      `http://localhost:${this.config.port || 3000}`;
    return `${origin}${path}`;
  }

  /** Remembers the origin of a request (see `requestOrigin`). */
  sawOrigin(origin: string): void {
    this.lastOrigin = origin;
  }

  // ---- sending ------------------------------------------------------------------------------------

  /** The mail worker: one attempt at one delivery; throws so that pg-boss retries it. */
  async deliver(deliveryId: string): Promise<void> {
    if (!isUuid(deliveryId)) return;
    const delivery = await this.deliveries.findOne({ where: { id: deliveryId } });
    if (!delivery || delivery.status === MailDeliveryStatus.SENT) return;
    if (!this.transport) throw new Error('e-mail is not configured in this process');
    delivery.attempts += 1;
    try {
      await this.transport.sendMail({
        from: this.config.notifications.mailFrom ?? undefined,
        to: delivery.recipient,
        subject: delivery.subject,
        text: delivery.text,
        html: delivery.html,
      });
      delivery.status = MailDeliveryStatus.SENT;
      delivery.sentAt = new Date();
      delivery.lastError = null;
      await this.deliveries.save(delivery);
    } catch (error) {
      const e = error as { response?: string; message?: string; code?: string };
      delivery.lastError = (e.response ?? `${e.code ?? ''} ${e.message ?? String(error)}`)
        .trim()
        .slice(0, 2000);
      delivery.status =
        delivery.attempts > this.config.notifications.mailRetries
          ? MailDeliveryStatus.FAILED
          : MailDeliveryStatus.RETRYING;
      await this.deliveries.save(delivery);
      this.logger.warn(
        `e-mail ${delivery.id} attempt ${delivery.attempts} failed: ${delivery.lastError}`,
      );
      if (delivery.status === MailDeliveryStatus.RETRYING) throw error;
    }
  }

  /**
   * Queues again every e-mail still waiting to be sent (pending or between retries) for longer
   * than `olderThanMinutes` with no job left to send it — e.g. after the database was restored
   * without its job queue, or a job was removed by hand. Returns how many were queued.
   */
  async requeueStranded(olderThanMinutes = STRANDED_AFTER_MINUTES): Promise<number> {
    if (!this.mailEnabled) return 0;
    const stranded = (await this.dataSource.query(
      `SELECT d.id FROM mail_deliveries d
       WHERE d.status IN ('PENDING', 'RETRYING')
         AND d.updated_at < now() - make_interval(mins => $1::int)
         AND NOT EXISTS (
           SELECT 1 FROM ${JOBS_SCHEMA}.job j
           WHERE j.name = $2 AND j.state IN ('created', 'retry', 'active')
             AND j.data->>'deliveryId' = d.id::text)
       ORDER BY d.created_at
       LIMIT 1000`,
      [olderThanMinutes, MAIL_QUEUE],
    )) as { id: string }[];
    for (const { id } of stranded)
      await this.jobs.send(
        MAIL_QUEUE,
        { deliveryId: id },
        {
          retryLimit: this.config.notifications.mailRetries,
          retryDelay: this.config.notifications.mailRetrySeconds,
        },
      );
    return stranded.length;
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
      .innerJoin('organizations', 'o', 'o.id = n.organization_id')
      .where('n.user_id = :me', { me: actor.userId })
      .andWhere(scope.sql, scope.params);
    if (filter.unreadOnly) qb.andWhere('n.read_at IS NULL');
    const totalCount = await qb.clone().getCount();
    if (page.after)
      qb.andWhere('(n.created_at, n.id) < (:k::timestamptz, :id::uuid)', {
        k: page.after.k,
        id: page.after.id,
      });
    const rows = await qb
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(page.limit + 1)
      .getMany();
    return toConnection(
      rows,
      page,
      (n) => ({ k: n.createdAt.toISOString(), id: n.id }),
      totalCount,
    );
  }

  async unreadCount(actor: Actor): Promise<number> {
    const scope = scopeCondition(actor, 'o');
    return this.notifications
      .createQueryBuilder('n')
      .innerJoin('organizations', 'o', 'o.id = n.organization_id')
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

  /** The delivery log, newest first (admins). */
  async deliveryLog(page: Page): Promise<Connection<MailDeliveryEntity>> {
    const qb = this.deliveries.createQueryBuilder('d');
    const totalCount = await qb.clone().getCount();
    if (page.after)
      qb.andWhere('(d.created_at, d.id) < (:k::timestamptz, :id::uuid)', {
        k: page.after.k,
        id: page.after.id,
      });
    const rows = await qb
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(page.limit + 1)
      .getMany();
    return toConnection(
      rows,
      page,
      (d) => ({ k: d.createdAt.toISOString(), id: d.id }),
      totalCount,
    );
  }
}
