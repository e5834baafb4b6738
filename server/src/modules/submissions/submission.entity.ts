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
import type { RoundRow } from '../rounds';

export enum SubmissionStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  RESUBMITTED = 'RESUBMITTED',
  APPROVED = 'APPROVED',
  PUBLISHED = 'PUBLISHED',
}

/**
 * A submission as other modules hold it: a plain record of its columns (no relation, no
 * decorator), what the lookups, the commands and the exported services hand out. The entity
 * stays inside the module.
 */
export type SubmissionRow = {
  id: string;
  roundId: string;
  organizationId: string;
  status: SubmissionStatus;
  currentVersionId: string | null;
  submittedVersionId: string | null;
  versionCount: number;
  firstSubmittedAt: Date | null;
  lastSubmittedAt: Date | null;
  approvedAt: Date | null;
  publishedAt: Date | null;
  returnCount: number;
  reopenCount: number;
  changesAfterApproval: number;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
};

/** One organization's report in one round: its state and pointers to its versions. */
@Entity('submissions')
@Index('ux_submissions_round_organization', ['roundId', 'organizationId'], { unique: true })
@Index('ix_submissions_round_status', ['roundId', 'status'])
@Index('ix_submissions_round_updated', ['roundId', 'updatedAt'])
export class SubmissionEntity implements SubmissionRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  roundId: string;

  @ManyToOne('RoundEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'fk_submissions_round' })
  round?: RoundRow;

  /** Indexed with the columns the overview's roster reads INCLUDEd (written in the migration). */
  @Column({ type: 'uuid' })
  @Index('ix_submissions_organization_id', { synchronize: false })
  organizationId: string;

  @ManyToOne('OrganizationEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_submissions_organization' })
  organization?: OrganizationRow;

  @Column({
    type: 'enum',
    enum: SubmissionStatus,
    enumName: 'submission_status',
    default: SubmissionStatus.DRAFT,
  })
  status: SubmissionStatus;

  /** Latest saved version (null before the first save). */
  @Column({ type: 'uuid', nullable: true })
  currentVersionId: string | null;

  /** The version last submitted: what reviewers review and approve. */
  @Column({ type: 'uuid', nullable: true })
  submittedVersionId: string | null;

  @Column({ type: 'int', default: 0 })
  versionCount: number;

  /** First submission: timeliness is judged on it. */
  @Column({ type: 'timestamptz', nullable: true })
  firstSubmittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSubmittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  returnCount: number;

  @Column({ type: 'int', default: 0 })
  reopenCount: number;

  /** Versions saved after the submission had been approved once (after a reopen). */
  @Column({ type: 'int', default: 0 })
  changesAfterApproval: number;

  /** Optimistic lock: every change increments it; writers pass the revision they read. */
  @VersionColumn()
  revision: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
