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

export enum AssignmentSource {
  /** Entered by the bureau. */
  MANUAL = 'MANUAL',
  /** Proposed from the report's staffing facts and confirmed by the bureau. */
  REPORT = 'REPORT',
}

/** A holding of a post as other modules hold it: a plain record of its columns. */
export type PostAssignmentRow = {
  id: string;
  organizationId: string;
  postKey: string;
  holderName: string;
  fullTime: boolean;
  fromDate: string;
  untilDate: string | null;
  source: AssignmentSource;
  sourceVersionId: string | null;
  sourcePath: string | null;
  sourceLine: number | null;
  createdById: string | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * Who held a post of an organization, and when: `fromDate`..`untilDate` are Asia/Shanghai
 * calendar days, both inclusive (`untilDate` null = still holds it). The holder's name is
 * personal data: it leaves the server only to the organization itself and to reviewers and
 * supervisors of its subtree.
 */
@Entity('post_assignments')
@Index('ix_post_assignments_organization_post', ['organizationId', 'postKey'])
export class PostAssignmentEntity implements PostAssignmentRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne('OrganizationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'organization_id',
    foreignKeyConstraintName: 'fk_post_assignments_organization',
  })
  organization?: OrganizationRow;

  @Column({ type: 'varchar', length: 40 })
  postKey: string;

  /** Empty when a report prefill confirmed a person whose name the bureau has not entered yet. */
  @Column({ type: 'varchar', length: 60 })
  holderName: string;

  @Column({ type: 'boolean' })
  fullTime: boolean;

  @Column({ type: 'date' })
  fromDate: string;

  @Column({ type: 'date', nullable: true })
  untilDate: string | null;

  @Column({
    type: 'enum',
    enum: AssignmentSource,
    enumName: 'assignment_source',
    default: AssignmentSource.MANUAL,
  })
  source: AssignmentSource;

  /** Provenance of a prefilled holder: the report version, the fact and its line. */
  @Column({ type: 'uuid', nullable: true })
  sourceVersionId: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  sourcePath: string | null;

  @Column({ type: 'int', nullable: true })
  sourceLine: number | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @VersionColumn()
  revision: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
