import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { AnnualReport } from '@gongkai/report-model';
import type { UserRow } from '../auth';
import type { OrganizationRow } from '../organizations';

export enum ImportBatchStatus {
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}

export enum ImportItemStatus {
  /** Waiting to be read (also after a restart: picked up again). */
  PENDING = 'PENDING',
  /** Matched to a body, not stored: the body already has a report of its own. */
  MATCHED = 'MATCHED',
  /** Several or no candidate bodies: waits for a person to pick. */
  NEEDS_CHOICE = 'NEEDS_CHOICE',
  NOT_A_REPORT = 'NOT_A_REPORT',
  FAILED = 'FAILED',
  /** Stored as the body's imported version. */
  STORED = 'STORED',
  /** The batch was cancelled before this file was read. */
  CANCELLED = 'CANCELLED',
}

export type ImportCandidate = { id: string; name: string };

/** One upload of published reports for a region and a year, processed by a background job. */
@Entity('import_batches')
@Index('ix_import_batches_scope', ['scopeOrganizationId', 'createdAt'])
export class ImportBatchEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The region whose bodies the files are matched against. */
  @Column({ type: 'uuid' })
  scopeOrganizationId: string;

  @ManyToOne('OrganizationEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'scope_organization_id',
    foreignKeyConstraintName: 'fk_import_batches_scope',
  })
  scopeOrganization?: OrganizationRow;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'enum', enum: ImportBatchStatus, enumName: 'import_batch_status' })
  status: ImportBatchStatus;

  /** The reviewer or supervisor who uploaded it; the job acts on their behalf. */
  @Column({ type: 'uuid' })
  createdById: string;

  @ManyToOne('UserEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_import_batches_created_by' })
  createdBy?: UserRow;

  @Column({ type: 'int' })
  total: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}

/** One file of a batch; each is read and stored in its own transaction. */
@Entity('import_batch_items')
@Index('ux_import_batch_items_position', ['batchId', 'position'], { unique: true })
@Index('ix_import_batch_items_status', ['batchId', 'status'])
export class ImportBatchItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  batchId: string;

  @ManyToOne(() => ImportBatchEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'fk_import_batch_items_batch' })
  batch?: ImportBatchEntity;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  /** The file's bytes until it is done with (cleared once stored, refused or cancelled). */
  @Column({ type: 'bytea', nullable: true, select: false })
  content: Buffer | null;

  @Column({ type: 'enum', enum: ImportItemStatus, enumName: 'import_item_status' })
  status: ImportItemStatus;

  @Column({ type: 'varchar', length: 100, nullable: true })
  reasonKey: string | null;

  @Column({ type: 'jsonb', nullable: true })
  reasonParams: Record<string, string | number> | null;

  @Column({ type: 'jsonb', nullable: true })
  candidates: ImportCandidate[] | null;

  /** The issuing body's name as read from the file. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  readName: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  format: string | null;

  /** The parsed report while it waits for a choice. */
  @Column({ type: 'jsonb', nullable: true, select: false })
  report: AnnualReport | null;

  @Column({ type: 'jsonb', nullable: true })
  warnings: string[] | null;

  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @Column({ type: 'uuid', nullable: true })
  submissionId: string | null;

  @Column({ type: 'uuid', nullable: true })
  versionId: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
