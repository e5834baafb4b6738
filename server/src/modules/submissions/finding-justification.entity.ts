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
import { SubmissionEntity } from './submission.entity';

/** The bureau's explanation of a warning; it follows the finding (rule + cells) across versions. */
@Entity('finding_justifications')
@Index('ux_finding_justifications_submission_key', ['submissionId', 'findingKey'], { unique: true })
export class FindingJustificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  submissionId: string;

  @ManyToOne(() => SubmissionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'submission_id',
    foreignKeyConstraintName: 'fk_finding_justifications_submission',
  })
  submission?: SubmissionEntity;

  /** `rule|cell,cell,…` */
  @Column({ type: 'varchar', length: 2000 })
  findingKey: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
