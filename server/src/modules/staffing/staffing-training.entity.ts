import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { OrganizationRow } from '../organizations';

/** A training as other modules hold it: a plain record of its columns. */
export type StaffingTrainingRow = {
  id: string;
  organizationId: string;
  heldOn: string;
  topic: string;
  hours: number;
  createdAt: Date;
};

/** A disclosure training the organization's staff attended or held. */
@Entity('staffing_trainings')
@Index('ix_staffing_trainings_organization_held', ['organizationId', 'heldOn'])
export class StaffingTrainingEntity implements StaffingTrainingRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne('OrganizationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'organization_id',
    foreignKeyConstraintName: 'fk_staffing_trainings_organization',
  })
  organization?: OrganizationRow;

  /** Asia/Shanghai calendar day. */
  @Column({ type: 'date' })
  heldOn: string;

  @Column({ type: 'varchar', length: 200 })
  topic: string;

  @Column({
    type: 'numeric',
    precision: 5,
    scale: 1,
    transformer: { to: (v: number) => v, from: (v: string | null) => (v === null ? 0 : Number(v)) },
  })
  hours: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
