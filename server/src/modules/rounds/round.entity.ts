import type { TemplateId } from '@gongkai/report-model';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { OrganizationRow } from '../organizations';

export enum RoundStatus {
  /** Prepared, not yet accepting submissions. */
  PLANNED = 'PLANNED',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

/**
 * A round as other modules hold it: a plain record of its columns (no relation, no decorator),
 * what the lookups and the exported services hand out. The entity stays inside the module.
 */
export type RoundRow = {
  id: string;
  year: number;
  template: TemplateId;
  scopeOrganizationId: string;
  status: RoundStatus;
  /** Last day (Asia/Shanghai, inclusive) for departments and townships, 'YYYY-MM-DD'. */
  departmentDeadline: string;
  /** Last day (Asia/Shanghai, inclusive) for governments, 'YYYY-MM-DD'. */
  governmentDeadline: string;
  isDemo: boolean;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
};

/** One year's collection of reports under a government (the scope node). */
@Entity('rounds')
@Index('ux_rounds_scope_year', ['scopeOrganizationId', 'year'], { unique: true })
export class RoundEntity implements RoundRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Statistics year of the reports collected. */
  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 20 })
  template: TemplateId;

  /** The government collecting: the expected roster is its subtree. */
  @Column({ type: 'uuid' })
  scopeOrganizationId: string;

  @ManyToOne('OrganizationEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'scope_organization_id', foreignKeyConstraintName: 'fk_rounds_scope' })
  scopeOrganization?: OrganizationRow;

  @Column({
    type: 'enum',
    enum: RoundStatus,
    enumName: 'round_status',
    default: RoundStatus.PLANNED,
  })
  status: RoundStatus;

  /** Last day (Asia/Shanghai, inclusive) for departments and townships. */
  @Column({ type: 'date' })
  departmentDeadline: string;

  /** Last day (Asia/Shanghai, inclusive) for governments. */
  @Column({ type: 'date' })
  governmentDeadline: string;

  @Column({ type: 'boolean', default: false })
  isDemo: boolean;

  @VersionColumn()
  revision: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
