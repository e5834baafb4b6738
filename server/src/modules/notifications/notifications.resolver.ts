import { Args, ArgsType, Field, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import {
  CURSOR_BY_POSITION,
  CURSOR_BY_TIME,
  pageOf,
  PageArgs,
  pagedComplexity,
  type Connection,
  toConnection,
} from '../../common/pagination';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { JobsService } from '../../jobs/jobs.service';
import {
  JobsStatus,
  MailDelivery,
  MailDeliveryConnection,
  MarkNotificationsReadInput,
  Notification,
  NotificationConnection,
  NotificationSettings,
  NotificationSettingsInput,
  RemindBodiesInput,
  RemindCandidate,
  RemindCandidateConnection,
  RemindResult,
} from './notification.model';
import type { NotificationKind } from './notification.entity';
import { MailDeliveryService } from './mail-delivery.service';
import { NotificationsService } from './notifications.service';
import { RemindersService } from './reminders.service';

@ArgsType()
class NotificationsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true })
  unreadOnly?: boolean | null;
}

@ArgsType()
class RemindCandidatesArgs extends PageArgs {
  @Field(() => ID)
  roundId: string;

  @Field(() => ID, { description: 'Bodies under this node (in the caller’s scope)' })
  nodeId: string;

  @Field(() => String, { nullable: true, description: 'Part of the body’s name' })
  search?: string | null;
}

@Resolver(() => Notification)
export class NotificationsResolver {
  constructor(
    private readonly inbox: NotificationsService,
    private readonly mail: MailDeliveryService,
    private readonly reminders: RemindersService,
    private readonly jobs: JobsService,
  ) {}

  @Query(() => NotificationConnection, {
    description: 'The signed-in user’s notifications, newest first',
    complexity: pagedComplexity,
  })
  @RequirePermission(Permission.OwnAccount)
  notifications(
    @CurrentActor() actor: Actor,
    @Args() args: NotificationsArgs,
  ): Promise<Connection<Notification>> {
    return this.inbox.list(actor, args, pageOf(args, CURSOR_BY_TIME));
  }

  @Query(() => Int, { description: 'How many of the signed-in user’s notifications are unread' })
  @RequirePermission(Permission.OwnAccount)
  unreadNotificationCount(@CurrentActor() actor: Actor): Promise<number> {
    return this.inbox.unreadCount(actor);
  }

  @Mutation(() => Int, { description: 'Marks own notifications read; returns how many changed' })
  @RequirePermission(Permission.OwnAccount)
  markNotificationsRead(
    @CurrentActor() actor: Actor,
    @Args('input') input: MarkNotificationsReadInput,
  ): Promise<number> {
    return this.inbox.markRead(actor, input.ids ?? null);
  }

  @Query(() => NotificationSettings)
  @RequirePermission(Permission.OwnAccount)
  async notificationSettings(@CurrentActor() actor: Actor): Promise<NotificationSettings> {
    const s = await this.inbox.settings(actor);
    return {
      email: s.email,
      emailOptOut: s.emailOptOut as NotificationKind[],
      mailEnabled: this.mail.enabled,
    };
  }

  @Mutation(() => NotificationSettings)
  @RequirePermission(Permission.OwnAccount)
  async updateNotificationSettings(
    @CurrentActor() actor: Actor,
    @Args('input') input: NotificationSettingsInput,
  ): Promise<NotificationSettings> {
    const s = await this.inbox.updateSettings(actor, input);
    return {
      email: s.email,
      emailOptOut: s.emailOptOut as NotificationKind[],
      mailEnabled: this.mail.enabled,
    };
  }

  @Mutation(() => RemindResult, {
    description:
      '催报: reminds bodies of a round that have not submitted (skips those reminded within the quiet period)',
  })
  @RequirePermission(Permission.NotificationRemind)
  remindBodies(
    @CurrentActor() actor: Actor,
    @Args('input') input: RemindBodiesInput,
  ): Promise<RemindResult> {
    return this.reminders.remind(actor, input);
  }

  @Query(() => RemindCandidateConnection, {
    description: 'Bodies of a round under a node that have not submitted (for 催报), by name',
    complexity: pagedComplexity,
  })
  @RequirePermission(Permission.NotificationRemind)
  async remindCandidates(
    @CurrentActor() actor: Actor,
    @Args() args: RemindCandidatesArgs,
  ): Promise<Connection<RemindCandidate>> {
    const page = pageOf(args, CURSOR_BY_POSITION);
    const rows = await this.reminders.candidates(actor, args);
    const start = page.after ? Number(page.after.id) + 1 : 0;
    const items = rows.slice(start, start + page.limit + 1).map((row, i) => ({
      ...row,
      position: start + i,
    }));
    return toConnection(
      items,
      page,
      (r) => ({ k: r.name.slice(0, 100), id: String(r.position) }),
      rows.length,
    );
  }

  @Query(() => MailDeliveryConnection, {
    description: 'E-mails sent or failed, newest first (admins)',
    complexity: pagedComplexity,
  })
  @RequirePermission(Permission.SystemRead)
  mailDeliveries(@Args() args: PageArgs): Promise<Connection<MailDelivery>> {
    return this.mail.deliveryLog(pageOf(args, CURSOR_BY_TIME));
  }

  @Query(() => JobsStatus, { description: 'Background job queues and their last runs (admins)' })
  @RequirePermission(Permission.SystemRead)
  async jobsStatus(): Promise<JobsStatus> {
    return {
      running: this.jobs.running,
      mailEnabled: this.mail.enabled,
      queues: await this.jobs.status(),
    };
  }
}
