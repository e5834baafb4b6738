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

export enum ReturnKind {
  /** A reviewer sent a submitted report back for correction. */
  RETURN = 'RETURN',
  /** A reviewer reopened an approved (or published) report. */
  REOPEN = 'REOPEN',
}

/** A turn of the review thread as other modules hold it: a plain record of its columns. */
export type SubmissionReturnRow = {
  id: string;
  submissionId: string;
  kind: ReturnKind;
  reason: string;
  returnedVersionId: string | null;
  reviewerId: string | null;
  createdAt: Date;
  reply: string | null;
  repliedById: string | null;
  repliedAt: Date | null;
  resubmittedVersionId: string | null;
};

/**
 * One turn of the review thread: a reviewer's return (or reopen) with its reason and the version
 * it was about, and the bureau's reply with the version it resubmitted. Written by the return and
 * reopen transitions; the reply is filled in by the next submit, in the same transaction.
 */
@Entity('submission_returns')
@Index('ix_submission_returns_submission_created', ['submissionId', 'createdAt'])
export class SubmissionReturnEntity implements SubmissionReturnRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  submissionId: string;

  @ManyToOne(() => SubmissionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'submission_id',
    foreignKeyConstraintName: 'fk_submission_returns_submission',
  })
  submission?: SubmissionEntity;

  @Column({ type: 'enum', enum: ReturnKind, enumName: 'submission_return_kind' })
  kind: ReturnKind;

  @Column({ type: 'text' })
  reason: string;

  /** The submitted version the reviewer returned or reopened. */
  @Column({ type: 'uuid', nullable: true })
  returnedVersionId: string | null;

  @Column({ type: 'uuid', nullable: true })
  reviewerId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** What the bureau answered when it resubmitted (null while the return is open). */
  @Column({ type: 'text', nullable: true })
  reply: string | null;

  @Column({ type: 'uuid', nullable: true })
  repliedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  repliedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  resubmittedVersionId: string | null;
}
