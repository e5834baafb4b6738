import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A reviewer's remark on a submitted version, optionally attached to one cell or field. */
@Entity('review_comments')
@Index('ix_review_comments_submission_id', ['submissionId'])
@Index('ix_review_comments_return_id', ['returnId'])
export class ReviewCommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  submissionId: string;

  @Column({ type: 'uuid' })
  versionId: string;

  /** Cell path (`applications.total.natural`) or field (`sections.problems`); null = general. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  cell: string | null;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'uuid', nullable: true })
  authorId: string | null;

  /** The return (or reopen) this comment was made with; null for comments older than threads. */
  @Column({ type: 'uuid', nullable: true })
  returnId: string | null;

  /** Set when the bureau marked the comment as dealt with. */
  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  resolvedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
