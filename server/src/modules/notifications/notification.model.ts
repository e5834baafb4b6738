import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { connectionType } from '../../common/pagination';
import { JSONScalar } from '../../graphql/json.scalar';
import { MailDeliveryStatus } from './mail-delivery.entity';
import { NotificationKind } from './notification.entity';

registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'What a notification is about',
});
registerEnumType(MailDeliveryStatus, { name: 'MailDeliveryStatus' });

@ObjectType({ description: 'A message in the signed-in user’s inbox' })
export class Notification {
  @Field(() => ID)
  id: string;

  @Field(() => NotificationKind)
  kind: NotificationKind;

  @Field(() => ID)
  organizationId: string;

  @Field(() => ID, { nullable: true })
  submissionId: string | null;

  @Field(() => ID, { nullable: true })
  roundId: string | null;

  @Field(() => JSONScalar, {
    description: 'organizationName, year, reason, deadline, days, message, comments, scopeName',
  })
  params: Record<string, unknown>;

  @Field({ description: 'Path of the page it is about (/submissions/<id>)' })
  link: string;

  @Field(() => Date, { nullable: true })
  readAt: Date | null;

  @Field()
  createdAt: Date;
}

export const NotificationConnection = connectionType(Notification, 'Notification');

@ObjectType({ description: 'The signed-in user’s e-mail address and e-mail choices' })
export class NotificationSettings {
  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => [NotificationKind], { description: 'Kinds shown in the inbox only, not e-mailed' })
  emailOptOut: NotificationKind[];

  @Field({ description: 'Whether this server sends e-mail at all (SMTP configured)' })
  mailEnabled: boolean;
}

@InputType()
export class NotificationSettingsInput {
  @Field(() => String, { nullable: true, description: 'Empty clears the address' })
  email?: string | null;

  @Field(() => [String], { nullable: true })
  emailOptOut?: string[] | null;
}

@InputType()
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true, description: 'Omitted: every unread notification' })
  ids?: string[] | null;
}

@InputType()
export class RemindBodiesInput {
  @Field(() => ID)
  roundId: string;

  @Field(() => [ID])
  organizationIds: string[];

  @Field(() => String, { nullable: true, description: 'At most 500 characters' })
  message?: string | null;
}

@ObjectType({ description: 'What a 催报 did' })
export class RemindResult {
  @Field(() => Int)
  reminded: number;

  @Field(() => Int, { description: 'Bodies reminded within the quiet period, skipped' })
  skippedQuiet: number;

  @Field(() => Int, { description: 'Bodies that have submitted meanwhile, skipped' })
  skippedSubmitted: number;

  @Field(() => Int)
  quietHours: number;
}

@ObjectType({ description: 'One e-mail and what the SMTP server answered' })
export class MailDelivery {
  @Field(() => ID)
  id: string;

  @Field()
  recipient: string;

  @Field()
  subject: string;

  @Field(() => MailDeliveryStatus)
  status: MailDeliveryStatus;

  @Field(() => Int)
  attempts: number;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => Date, { nullable: true })
  sentAt: Date | null;

  @Field()
  createdAt: Date;
}

export const MailDeliveryConnection = connectionType(MailDelivery, 'MailDelivery');

@ObjectType({ description: 'A background job queue and its last run' })
export class JobQueue {
  @Field()
  name: string;

  @Field(() => String, { nullable: true, description: 'Cron schedule (Asia/Shanghai)' })
  schedule: string | null;

  @Field(() => Int)
  queued: number;

  @Field(() => Int)
  active: number;

  @Field(() => Int)
  failed: number;

  @Field(() => Date, { nullable: true })
  lastRunAt: Date | null;

  @Field(() => String, { nullable: true })
  lastState: string | null;
}

@ObjectType({ description: 'The job queue of this server' })
export class JobsStatus {
  @Field({ description: 'Whether this process runs the job queue' })
  running: boolean;

  @Field()
  mailEnabled: boolean;

  @Field(() => [JobQueue])
  queues: JobQueue[];
}

@ObjectType({ description: 'A body that has not submitted, which a reviewer may remind (催报)' })
export class RemindCandidate {
  @Field(() => ID)
  organizationId: string;

  @Field()
  name: string;

  @Field({ description: 'The deadline that applies (extension included), YYYY-MM-DD' })
  deadline: string;

  @Field({ description: 'Past its deadline' })
  late: boolean;

  @Field(() => Date, { nullable: true })
  lastRemindedAt: Date | null;
}

export const RemindCandidateConnection = connectionType(RemindCandidate, 'RemindCandidate');
