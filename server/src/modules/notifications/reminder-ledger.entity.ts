import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Scheduled reminders already sent: one row per round, body, step (`due7`, `due3`, `due1`,
 * `overdue`) and deadline (an extension starts the steps again). The unique key makes a reminder
 * happen once, however many processes compute it.
 */
@Entity('reminder_ledger')
@Index('ux_reminder_ledger_round_org_step', ['roundId', 'organizationId', 'step', 'deadline'], {
  unique: true,
})
export class ReminderLedgerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  roundId: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'varchar', length: 20 })
  step: string;

  /** The deadline the step was computed from. */
  @Column({ type: 'varchar', length: 10 })
  deadline: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
