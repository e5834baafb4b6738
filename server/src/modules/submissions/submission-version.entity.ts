import type { AnnualReport, CheckSummary, Finding } from '@gongkai/report-model';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { SubmissionEntity } from './submission.entity';

export enum VersionSource {
  MANUAL = 'MANUAL',
  AUTOSAVE = 'AUTOSAVE',
  UPLOAD = 'UPLOAD',
  /** A published report imported by a reviewer or supervisor (batch import). */
  IMPORTED = 'IMPORTED',
}

/**
 * A version as other modules hold it: a plain record of its columns (no relation, no decorator).
 * The entity stays inside the module.
 */
export type SubmissionVersionRow = {
  id: string;
  submissionId: string;
  number: number;
  source: VersionSource;
  report: AnnualReport;
  findings: Finding[];
  summary: CheckSummary;
  errorCount: number;
  warningCount: number;
  infoCount: number;
  gapCount: number;
  contentHash: string;
  previousYearVersionId: string | null;
  fileId: string | null;
  importWarnings: string[] | null;
  createdById: string | null;
  createdAt: Date;
};

/**
 * One saved state of a report, immutable once written (a database trigger refuses UPDATE and
 * DELETE). Findings are those of `check()` at save time, with the previous-year report fed in.
 */
@Entity('submission_versions')
@Index('ux_submission_versions_submission_number', ['submissionId', 'number'], { unique: true })
export class SubmissionVersionEntity implements SubmissionVersionRow {
  /** Also indexed with `gap_count` and `error_count` INCLUDEd, for the overview (in the migration). */
  @PrimaryGeneratedColumn('uuid')
  @Index('ix_submission_versions_counts', { synchronize: false })
  id: string;

  @Column({ type: 'uuid' })
  submissionId: string;

  @ManyToOne(() => SubmissionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'submission_id',
    foreignKeyConstraintName: 'fk_submission_versions_submission',
  })
  submission?: SubmissionEntity;

  /** 1, 2, 3 … within the submission. */
  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'enum', enum: VersionSource, enumName: 'version_source' })
  source: VersionSource;

  @Column({ type: 'jsonb' })
  report: AnnualReport;

  @Column({ type: 'jsonb' })
  findings: Finding[];

  @Column({ type: 'jsonb' })
  summary: CheckSummary;

  @Column({ type: 'int' })
  errorCount: number;

  @Column({ type: 'int' })
  warningCount: number;

  @Column({ type: 'int' })
  infoCount: number;

  /** Template cells left blank plus required sections missing (0 = complete). */
  @Column({ type: 'int' })
  gapCount: number;

  /** sha256 of the canonical report JSON: an autosave of unchanged content writes nothing. */
  @Column({ type: 'char', length: 64 })
  contentHash: string;

  /** The previous-year version the cross-year rules compared with, if any. */
  @Column({ type: 'uuid', nullable: true })
  previousYearVersionId: string | null;

  /** The uploaded file this version was parsed from. */
  @Column({ type: 'uuid', nullable: true })
  fileId: string | null;

  /** What the importer guessed or skipped. */
  @Column({ type: 'jsonb', nullable: true })
  importWarnings: string[] | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
