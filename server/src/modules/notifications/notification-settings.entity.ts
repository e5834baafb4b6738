import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A user's e-mail address and the kinds of notification they do not want by e-mail. */
@Entity('notification_settings')
export class NotificationSettingsEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  /** Kinds (NotificationKind) sent in the inbox only. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  emailOptOut: string[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
