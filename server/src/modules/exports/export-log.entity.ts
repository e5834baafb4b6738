import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum ExportKind {
  RANKING_XLSX = 'RANKING_XLSX',
  RANKING_CSV = 'RANKING_CSV',
  REPORT_XLSX = 'REPORT_XLSX',
  /** Staffing of a region: counts, and holders' names only when included. */
  STAFFING_CSV = 'STAFFING_CSV',
  /** A government's departments summed, beside its own report. */
  ROLLUP_XLSX = 'ROLLUP_XLSX',
}

/** Every download of a ranking sheet or report: who, when, what, from which snapshot. */
@Entity('export_logs')
@Index('ix_export_logs_scope_created', ['scopeOrganizationId', 'createdAt'])
export class ExportLogEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: ExportKind, enumName: 'export_kind' })
  kind: ExportKind;

  @Column({ type: 'uuid' })
  actorId: string;

  /** The region exported, or the organization whose report was exported: access follows it. */
  @Column({ type: 'uuid' })
  scopeOrganizationId: string;

  @Column({ type: 'uuid', nullable: true })
  roundId: string | null;

  @Column({ type: 'uuid', nullable: true })
  snapshotId: string | null;

  @Column({ type: 'uuid', nullable: true })
  submissionId: string | null;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  /** Organizations in a ranking sheet; 1 for a report. */
  @Column({ type: 'int' })
  rowCount: number;

  /** Whether holders' names were included (a supervisor's explicit choice; counts otherwise). */
  @Column({ type: 'boolean', default: false })
  includeNames: boolean;

  /** false when the download was interrupted before the file was complete. */
  @Column({ type: 'boolean' })
  completed: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
