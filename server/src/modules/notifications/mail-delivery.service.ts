import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import nodemailer, { type Transporter } from 'nodemailer';
import { DataSource, type EntityManager, In, Repository } from 'typeorm';
import { type Connection, type Page } from '../../common/pagination';
import { newestFirstPage } from '../../common/newest-first-page';
import { currentOrigin } from '../../common/request-budget';
import { isUuid } from '../../common/uuid';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { JOBS_SCHEMA, JobsService } from '../../jobs/jobs.service';
import { MailDeliveryEntity, MailDeliveryStatus } from './mail-delivery.entity';
import { notificationMail } from './notification-mail';
import { NotificationSettingsEntity } from './notification-settings.entity';
import type { NotifyInput } from './notifications.service';

export const MAIL_QUEUE = 'mail-send';
export const MAIL_SWEEP_QUEUE = 'mail-sweep';

/** How long an unsent e-mail may wait without a job before the sweep queues it again. */
const STRANDED_AFTER_MINUTES = 10;

/**
 * The e-mails of notifications: rows of `mail_deliveries` plus a pg-boss job enqueued in the
 * transaction of the notification; a worker sends them, retrying with back-off, and records what
 * the SMTP server answered. A failing SMTP server never fails the user's action.
 */
@Injectable()
export class MailDeliveryService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private transport: Transporter | null = null;
  private lastOrigin: string | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    @InjectRepository(MailDeliveryEntity)
    private readonly deliveries: Repository<MailDeliveryEntity>,
  ) {}

  onModuleInit(): void {
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
  get enabled(): boolean {
    return this.transport !== null && this.jobs.running;
  }

  /** The deliveries of the notifications just written and their jobs, in the same transaction. */
  async enqueue(
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
    const current = currentOrigin();
    if (current) this.lastOrigin = current;
    const origin =
      this.config.notifications.publicUrl ??
      current ??
      this.lastOrigin ??
      `http://localhost:${this.config.port || 3000}`;
    return `${origin}${path}`;
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
    if (!this.enabled) return 0;
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

  /** The delivery log, newest first (admins). */
  async deliveryLog(page: Page): Promise<Connection<MailDeliveryEntity>> {
    const qb = this.deliveries.createQueryBuilder('d');
    return newestFirstPage(qb, page);
  }
}
