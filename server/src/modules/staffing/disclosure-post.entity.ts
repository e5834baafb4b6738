import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationLevel } from '../organizations';
import type { RoundRow } from '../rounds';

/** A required post as other modules hold it: a plain record of its columns. */
export type DisclosurePostRow = {
  id: string;
  roundId: string;
  postKey: string;
  labelZh: string;
  labelEn: string;
  minCount: number;
  fullTimeRequired: boolean;
  countsAsStaff: boolean;
  organizationLevel: OrganizationLevel | null;
  organizationKind: string | null;
  sortOrder: number;
};

/**
 * A post a round requires of a kind of organization (e.g. 专职工作人员, at least 1, full-time).
 * `organizationLevel` / `organizationKind` null = every level / kind; for one organization the
 * most specific row of a post wins (kind and level, then kind, then level, then neither).
 */
@Entity('disclosure_posts')
@Index('ix_disclosure_posts_round_id', ['roundId'])
export class DisclosurePostEntity implements DisclosurePostRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  roundId: string;

  @ManyToOne('RoundEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'fk_disclosure_posts_round' })
  round?: RoundRow;

  /** Stable key, e.g. `dedicatedStaff`. */
  @Column({ type: 'varchar', length: 40 })
  postKey: string;

  @Column({ type: 'varchar', length: 60 })
  labelZh: string;

  @Column({ type: 'varchar', length: 80 })
  labelEn: string;

  @Column({ type: 'int' })
  minCount: number;

  @Column({ type: 'boolean' })
  fullTimeRequired: boolean;

  /** Whether holders count as staff doing disclosure work (专职/兼职人员 in the report). */
  @Column({ type: 'boolean' })
  countsAsStaff: boolean;

  @Column({
    type: 'enum',
    enum: OrganizationLevel,
    enumName: 'organization_level',
    nullable: true,
  })
  organizationLevel: OrganizationLevel | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  organizationKind: string | null;

  @Column({ type: 'int', default: 0 })
  sortOrder: number;
}
