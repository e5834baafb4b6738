import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SHANGHAI_TIME_ZONE } from '@gongkai/report-model';
import PgBoss from 'pg-boss';
import { DataSource, type EntityManager } from 'typeorm';
import { runsSystemDuties } from '../cluster';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';

export const JOBS_SCHEMA = 'pgboss';

export type JobHandler = (data: Record<string, unknown>) => Promise<void>;

type Registration = {
  name: string;
  handler: JobHandler;
  /** A cron schedule (Asia/Shanghai) that sends the job by itself. */
  cron?: string;
  retryLimit?: number;
  retryDelay?: number;
  /**
   * pg-boss queue policy; `stately` keeps at most one queued and one active job per
   * `singletonKey` (a burst of sends while one waits is one job).
   */
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
};

/** Options of a send. */
export type SendOptions = {
  retryLimit?: number;
  retryDelay?: number;
  /** With a `stately`/`singleton` queue: one job per key (a duplicate send returns null). */
  singletonKey?: string;
};

export type JobQueueStatus = {
  name: string;
  schedule: string | null;
  queued: number;
  active: number;
  failed: number;
  lastRunAt: Date | null;
  lastState: string | null;
};

/**
 * The job queue in the application's own PostgreSQL (pg-boss, schema `pgboss`). Started with the
 * Nest application when `GONGKAI_JOBS` is on (the default; the tests turn it on only where they
 * need it) and stopped with it, so schedules survive restarts and several processes share the
 * work: a job is fetched by one worker only (`FOR UPDATE SKIP LOCKED`).
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly registrations: Registration[] = [];
  private boss: PgBoss | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  get running(): boolean {
    return this.boss !== null;
  }

  /** Declares a queue and its worker; call before the application has started. */
  register(registration: Registration): void {
    this.registrations.push(registration);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.notifications.jobs) return;
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) throw new Error('the job queue needs the database URL');
    const boss = new PgBoss({
      connectionString: url,
      schema: JOBS_SCHEMA,
      max: 3,
      application_name: 'gongkai-jobs',
      // checks for due schedules and expired jobs; pg-boss's own timers, stopped by stop()
      cronMonitorIntervalSeconds: 30,
      monitorStateIntervalSeconds: 60,
      // with several server processes, one installs the schema, maintains and sends schedules;
      // every process works jobs
      ...(runsSystemDuties() ? {} : { migrate: false, supervise: false, schedule: false }),
    });
    boss.on('error', (error: Error) =>
      this.logger.error(`job queue: ${error.message.split('\n')[0]}`),
    );
    await boss.start();
    this.boss = boss;
    for (const r of this.registrations) {
      await boss.createQueue(r.name, {
        name: r.name,
        ...(r.policy ? { policy: r.policy } : {}),
        retryLimit: r.retryLimit ?? 2,
        retryDelay: r.retryDelay ?? 60,
        retryBackoff: true,
      });
      await boss.work<Record<string, unknown>>(
        r.name,
        { pollingIntervalSeconds: 1, batchSize: 1 },
        async (jobs) => {
          for (const job of jobs) await r.handler(job.data ?? {});
        },
      );
      if (r.cron && runsSystemDuties())
        await boss.schedule(r.name, r.cron, {}, { tz: SHANGHAI_TIME_ZONE });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    if (boss) await boss.stop({ graceful: true, timeout: 5000, wait: true });
  }

  /**
   * Enqueues a job inside the caller's transaction: the job exists exactly when the change that
   * caused it was committed.
   */
  async sendInTransaction(
    manager: EntityManager,
    name: string,
    data: Record<string, unknown>,
    options: { retryLimit?: number; retryDelay?: number } = {},
  ): Promise<void> {
    if (!this.boss) throw new Error('the job queue is not running');
    await this.boss.send(name, data, {
      ...options,
      retryBackoff: true,
      db: {
        executeSql: async (text: string, values: unknown[]) => ({
          rows: (await manager.query(text, values)) as unknown[],
        }),
      },
    });
  }

  /** Enqueues a job now (outside any transaction). */
  async send(
    name: string,
    data: Record<string, unknown>,
    options: SendOptions = {},
  ): Promise<string | null> {
    if (!this.boss) throw new Error('the job queue is not running');
    return this.boss.send(name, data, { ...options, retryBackoff: true });
  }

  /** Every registered queue with its counts and its last finished run. */
  async status(): Promise<JobQueueStatus[]> {
    const names = this.registrations.map((r) => r.name);
    const base = this.registrations.map((r) => ({
      name: r.name,
      schedule: r.cron ?? null,
      queued: 0,
      active: 0,
      failed: 0,
      lastRunAt: null as Date | null,
      lastState: null as string | null,
    }));
    const exists: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name IN ('job', 'archive')`,
      [JOBS_SCHEMA],
    );
    if ((exists[0]?.n ?? 0) < 2) return base;
    const rows: {
      name: string;
      queued: number;
      active: number;
      failed: number;
      last_run_at: Date | null;
      last_state: string | null;
    }[] = await this.dataSource.query(
      `WITH all_jobs AS (
         SELECT name, state::text AS state, completed_on FROM ${JOBS_SCHEMA}.job WHERE name = ANY($1)
         UNION ALL
         SELECT name, state::text, completed_on FROM ${JOBS_SCHEMA}.archive WHERE name = ANY($1)
       ), last AS (
         SELECT DISTINCT ON (name) name, completed_on, state FROM all_jobs
         WHERE completed_on IS NOT NULL ORDER BY name, completed_on DESC
       )
       SELECT q.name,
         count(*) FILTER (WHERE a.state IN ('created', 'retry'))::int AS queued,
         count(*) FILTER (WHERE a.state = 'active')::int AS active,
         count(*) FILTER (WHERE a.state = 'failed')::int AS failed,
         max(l.completed_on) AS last_run_at, max(l.state) AS last_state
       FROM unnest($1::text[]) AS q(name)
       LEFT JOIN all_jobs a ON a.name = q.name
       LEFT JOIN last l ON l.name = q.name
       GROUP BY q.name`,
      [names],
    );
    const byName = new Map(rows.map((r) => [r.name, r]));
    return base.map((b) => {
      const r = byName.get(b.name);
      return r
        ? {
            ...b,
            queued: r.queued,
            active: r.active,
            failed: r.failed,
            lastRunAt: r.last_run_at,
            lastState: r.last_state,
          }
        : b;
    });
  }
}
