import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An audit event as other modules hold it: a plain record of its columns. */
export type AuditEventRow = {
  id: string;
  organizationId: string;
  submissionId: string | null;
  roundId: string | null;
  actorId: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
};

/** Append-only record of every state change (a database trigger refuses UPDATE and DELETE). */
@Entity('audit_events')
@Index('ix_audit_events_organization_created', ['organizationId', 'createdAt'])
@Index('ix_audit_events_submission_created', ['submissionId', 'createdAt'])
@Index('ix_audit_events_roster_organization', ['organizationId'], {
  where: "action LIKE 'roster.%'",
})
export class AuditEventEntity implements AuditEventRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The organization the event concerns: access follows it. */
  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'uuid', nullable: true })
  submissionId: string | null;

  @Column({ type: 'uuid', nullable: true })
  roundId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  /** e.g. `submission.submit`, `submission.return`, `round.extend` */
  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  fromStatus: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  toStatus: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
