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

/** An uploaded file as other modules hold it: a plain record of its columns. */
export type ReportFileRow = {
  id: string;
  submissionId: string;
  organizationId: string;
  fileName: string;
  format: string;
  size: number;
  sha256: string;
  uploadedById: string | null;
  createdAt: Date;
};

/** An uploaded report file, kept under `<dataDir>/uploads/<id>`. */
@Entity('report_files')
@Index('ix_report_files_submission_id', ['submissionId'])
export class ReportFileEntity implements ReportFileRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  submissionId: string;

  @ManyToOne(() => SubmissionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submission_id', foreignKeyConstraintName: 'fk_report_files_submission' })
  submission?: SubmissionEntity;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'varchar', length: 20 })
  format: string;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'uuid', nullable: true })
  uploadedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
