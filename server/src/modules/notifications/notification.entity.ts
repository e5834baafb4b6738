import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What a notification is about; the web words each kind from its catalogue. */
export enum NotificationKind {
  RETURNED = 'RETURNED',
  APPROVED = 'APPROVED',
  PUBLISHED = 'PUBLISHED',
  REOPENED = 'REOPENED',
  RESUBMITTED = 'RESUBMITTED',
  EXTENDED = 'EXTENDED',
  ROUND_OPENED = 'ROUND_OPENED',
  DUE_SOON = 'DUE_SOON',
  OVERDUE = 'OVERDUE',
  REMINDER = 'REMINDER',
}

/**
 * One user's in-app notification. Written in the transaction of the change it reports (or of the
 * reminder ledger entry), so none is lost and none exists without its cause.
 */
@Entity('notifications')
@Index('ix_notifications_user_created', ['userId', 'createdAt'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'enum', enum: NotificationKind, enumName: 'notification_kind' })
  kind: NotificationKind;

  /** The organization the notification concerns (the body reminded, the report's owner). */
  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'uuid', nullable: true })
  submissionId: string | null;

  @Column({ type: 'uuid', nullable: true })
  roundId: string | null;

  /** Values the sentence needs: organizationName, year, reason, deadline, days, message… */
  @Column({ type: 'jsonb' })
  params: Record<string, string | number | null>;

  /** Path in the web app (`/submissions/<id>`), relative to its origin. */
  @Column({ type: 'varchar', length: 300 })
  link: string;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
