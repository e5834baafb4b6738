import { calendarDaysBetween, shanghaiDay } from '@gongkai/report-model';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, inScope } from '../../common/actor';
import { badInput, notFound } from '../../common/domain-error';
import { isUuid } from '../../common/uuid';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { AuditService } from '../audit';
import type { OrganizationRow } from '../organizations';
import { roundLookups, RoundsService, type RoundRow } from '../rounds';
import { JobsService } from '../../jobs/jobs.service';
import { NotificationKind } from './notification.entity';
import { NotificationsService } from './notifications.service';

export const REMINDER_QUEUE = 'reminders-scan';
/** Every hour, on the hour (Asia/Shanghai). */
export const REMINDER_CRON = '0 * * * *';
export const MAX_REMIND_MESSAGE = 500;
export const MAX_REMIND_BODIES = 500;

/** Days before the deadline at which a body that has not submitted is reminded. */
const DUE_STEPS = [7, 3, 1] as const;

export type ReminderStep = 'due7' | 'due3' | 'due1' | 'overdue';

/** Whole days from `today` to `deadline` (both YYYY-MM-DD). */
export function daysUntil(today: string, deadline: string): number {
  return calendarDaysBetween(today, deadline);
}

/**
 * The reminder due on `today` for a deadline, or null: the tightest of 7/3/1 days reached (so a
 * scan missed on the 7th day still reminds on the 6th, and a round opened 5 days before its
 * deadline reminds once, not twice), `overdue` from the day after the deadline.
 */
export function reminderStep(today: string, deadline: string): ReminderStep | null {
  const days = daysUntil(today, deadline);
  if (days < 0) return 'overdue';
  const step = [...DUE_STEPS].reverse().find((d) => days <= d);
  return step === undefined ? null : (`due${step}` as ReminderStep);
}

export type RemindInput = { roundId: string; organizationIds: string[]; message?: string | null };
export type RemindResult = {
  reminded: number;
  skippedQuiet: number;
  skippedSubmitted: number;
  quietHours: number;
};

export type RemindCandidateRow = {
  organizationId: string;
  name: string;
  deadline: string;
  late: boolean;
  lastRemindedAt: Date | null;
};

/** Scheduled due-soon/overdue reminders and reviewers' 催报. */
@Injectable()
export class RemindersService implements OnModuleInit {
  private readonly logger = new Logger('Reminders');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly rounds: RoundsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: REMINDER_QUEUE,
      cron: REMINDER_CRON,
      retryLimit: 2,
      retryDelay: 300,
      handler: async (data) => {
        const at = typeof data.now === 'string' ? new Date(data.now) : new Date();
        const sent = await this.runScheduled(Number.isNaN(at.getTime()) ? new Date() : at);
        if (sent > 0) this.logger.log(`sent ${sent} scheduled reminders`);
      },
    });
  }

  /** Bodies of the round that have not submitted, with their deadlines and submission ids. */
  private async pending(
    manager: EntityManager,
    round: RoundRow,
  ): Promise<{ organization: OrganizationRow; deadline: string; submitted: boolean }[]> {
    const roster = await this.rounds.expectedBodies(round, undefined, manager);
    const ids = roster.map((o) => o.id);
    if (ids.length === 0) return [];
    const [subs, extensions] = await Promise.all([
      manager.query(
        `SELECT organization_id, status FROM submission_states WHERE round_id = $1 AND organization_id = ANY($2::uuid[])`,
        [round.id, ids],
      ) as Promise<{ organization_id: string; status: string }[]>,
      this.rounds.extensionsFor(round.id, ids, manager),
    ]);
    const status = new Map(subs.map((s) => [s.organization_id, s.status]));
    return roster.map((organization) => ({
      organization,
      deadline: this.rounds.deadlineFor(round, organization, extensions.get(organization.id)),
      submitted: (status.get(organization.id) ?? 'DRAFT') !== 'DRAFT',
    }));
  }

  /**
   * Sends the reminders due at `now` for every open round: once per round, body, step and
   * deadline (a unique ledger row written in the notification's transaction; a second process
   * computing the same reminder inserts nothing and sends nothing). Returns how many were sent.
   */
  async runScheduled(now: Date): Promise<number> {
    const today = shanghaiDay(now);
    const open = await roundLookups.open(this.dataSource.manager);
    let sent = 0;
    for (const round of open) {
      const bodies = await this.pending(this.dataSource.manager, round);
      for (const body of bodies) {
        if (body.submitted) continue;
        const step = reminderStep(today, body.deadline);
        if (!step) continue;
        const done = await this.dataSource.transaction(async (manager) => {
          const rows: { id: string }[] = await manager.query(
            `INSERT INTO reminder_ledger (round_id, organization_id, step, deadline)
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id`,
            [round.id, body.organization.id, step, body.deadline],
          );
          if (rows.length === 0) return false;
          // the body may have submitted since the roster was read: check under the ledger row
          const still: { status: string }[] = await manager.query(
            `SELECT status FROM submission_states WHERE round_id = $1 AND organization_id = $2`,
            [round.id, body.organization.id],
          );
          if (still[0] && still[0].status !== 'DRAFT') return false;
          await this.notifications.notify(manager, {
            kind: step === 'overdue' ? NotificationKind.OVERDUE : NotificationKind.DUE_SOON,
            recipients: { bureauOf: body.organization.id },
            organizationId: body.organization.id,
            roundId: round.id,
            params: {
              organizationName: body.organization.name,
              year: round.year,
              deadline: body.deadline,
              days: daysUntil(today, body.deadline),
            },
            link: await this.notifications.bodyLink(manager, round.id, body.organization.id),
          });
          return true;
        });
        if (done) sent++;
      }
    }
    return sent;
  }

  /**
   * 催报: reminds the chosen bodies of a round that have not submitted, with an optional message,
   * in one transaction; bodies reminded within the quiet period (or already submitted) are skipped
   * and counted. Each reminder is an audit event (`notification.remind`) and, through it, a
   * notification to the body's accounts.
   */
  async remind(actor: Actor, input: RemindInput): Promise<RemindResult> {
    const message = input.message?.trim() || null;
    if (message && message.length > MAX_REMIND_MESSAGE)
      throw badInput('input.message', `at most ${MAX_REMIND_MESSAGE} characters`, {
        key: 'notification.messageTooLong',
        params: { max: MAX_REMIND_MESSAGE, length: message.length },
      });
    const ids = [...new Set(input.organizationIds)];
    if (ids.length === 0)
      throw badInput('input.organizationIds', 'choose at least one body', {
        key: 'notification.noBodies',
      });
    if (ids.length > MAX_REMIND_BODIES)
      throw badInput('input.organizationIds', `at most ${MAX_REMIND_BODIES} bodies at once`, {
        key: 'notification.tooManyBodies',
        params: { max: MAX_REMIND_BODIES },
      });
    const badId = ids.findIndex((id) => !isUuid(id));
    if (badId >= 0)
      throw badInput(`input.organizationIds[${badId}]`, 'not an id', { key: 'common.notAnId' });
    const quietHours = this.config.notifications.remindQuietHours;
    return this.dataSource.transaction(async (manager) => {
      const round = await this.rounds.get(input.roundId, manager);
      const scope: { id: string; path: string }[] = await manager.query(
        `SELECT id, path FROM organization_directory WHERE id = $1`,
        [round.scopeOrganizationId],
      );
      const roundScope = scope[0];
      if (!roundScope || (!inScope(actor, roundScope) && !this.above(actor, roundScope.path)))
        throw notFound('round');
      // one 催报 at a time per round, so two reviewers clicking together do not both remind
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`remind:${round.id}`]);
      const bodies = new Map(
        (await this.pending(manager, round)).map((b) => [b.organization.id, b]),
      );
      const chosen = ids.map((id) => bodies.get(id));
      if (chosen.some((b) => !b || !inScope(actor, b.organization))) throw notFound('organization');
      const quiet: { organization_id: string }[] =
        quietHours > 0
          ? await manager.query(
              `SELECT DISTINCT organization_id FROM audit_trail
               WHERE action = 'notification.remind' AND round_id = $1
                 AND organization_id = ANY($2::uuid[])
                 AND created_at > now() - make_interval(secs => $3)`,
              [round.id, ids, quietHours * 3600],
            )
          : [];
      const quietSet = new Set(quiet.map((q) => q.organization_id));
      let skippedSubmitted = 0;
      let skippedQuiet = 0;
      const events = [];
      for (const body of chosen) {
        if (!body) continue;
        if (body.submitted) {
          skippedSubmitted++;
          continue;
        }
        if (quietSet.has(body.organization.id)) {
          skippedQuiet++;
          continue;
        }
        events.push({
          organizationId: body.organization.id,
          roundId: round.id,
          action: 'notification.remind',
          reason: message,
          data: {
            year: round.year,
            organizationName: body.organization.name,
            deadline: body.deadline,
          },
        });
      }
      await this.audit.record(manager, actor, events);
      return {
        reminded: events.length,
        skippedQuiet,
        skippedSubmitted,
        quietHours,
      };
    });
  }

  /**
   * Bodies under `nodeId` (in the actor's scope) expected in the round that have not submitted,
   * by name, with their deadline, whether they are late, and their last 催报.
   */
  async candidates(
    actor: Actor,
    input: { roundId: string; nodeId: string; search?: string | null },
  ): Promise<RemindCandidateRow[]> {
    if (!isUuid(input.nodeId)) throw notFound('organization');
    const manager = this.dataSource.manager;
    const round = await this.rounds.get(input.roundId, manager);
    const node: { id: string; path: string }[] = await manager.query(
      `SELECT id, path FROM organization_directory WHERE id = $1`,
      [input.nodeId],
    );
    if (!node[0] || !inScope(actor, node[0])) throw notFound('organization');
    const nodePath = node[0].path;
    const today = shanghaiDay(new Date());
    const search = input.search?.trim().toLowerCase() ?? '';
    const bodies = (await this.pending(manager, round)).filter(
      (b) =>
        !b.submitted &&
        b.organization.path.startsWith(nodePath) &&
        inScope(actor, b.organization) &&
        (search === '' || b.organization.name.toLowerCase().includes(search)),
    );
    const ids = bodies.map((b) => b.organization.id);
    const last: { organization_id: string; at: Date }[] = ids.length
      ? await manager.query(
          `SELECT organization_id, max(created_at) AS at FROM audit_trail
           WHERE action = 'notification.remind' AND round_id = $1 AND organization_id = ANY($2::uuid[])
           GROUP BY organization_id`,
          [round.id, ids],
        )
      : [];
    const lastBy = new Map(last.map((l) => [l.organization_id, l.at]));
    return bodies
      .map((b) => ({
        organizationId: b.organization.id,
        name: b.organization.name,
        deadline: b.deadline,
        late: daysUntil(today, b.deadline) < 0,
        lastRemindedAt: lastBy.get(b.organization.id) ?? null,
      }))
      .sort(
        (a, b) =>
          a.name.localeCompare(b.name, 'zh-CN') || a.organizationId.localeCompare(b.organizationId),
      );
  }

  /** A reviewer whose office is inside the round's scope may remind the bodies in their subtree. */
  private above(actor: Actor, scopePath: string): boolean {
    return actor.organizationPath.startsWith(scopePath);
  }
}
