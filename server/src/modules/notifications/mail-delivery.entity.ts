import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export enum MailDeliveryStatus {
  PENDING = 'PENDING',
  RETRYING = 'RETRYING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}

/** One e-mail for one notification: what was sent to whom, and what the SMTP server answered. */
@Entity('mail_deliveries')
@Index('ix_mail_deliveries_created', ['createdAt'])
export class MailDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  notificationId: string;

  @Column({ type: 'varchar', length: 254 })
  recipient: string;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text' })
  html: string;

  @Column({ type: 'enum', enum: MailDeliveryStatus, enumName: 'mail_delivery_status' })
  status: MailDeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** The SMTP server's reply (or the connection error) of the last failed attempt. */
  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
