import {
  Column,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { OrganizationRow } from '../organizations';

/** A staffing profile as other modules hold it: a plain record of its columns. */
export type StaffingProfileRow = {
  organizationId: string;
  leadingGroupEstablishedOn: string | null;
  leadingGroupDissolvedOn: string | null;
  confirmedAt: Date | null;
  revision: number;
  updatedAt: Date;
};

/**
 * An organization's leading group (领导小组: established / dissolved days, Asia/Shanghai) and the
 * last confirmation of its roster.
 */
@Entity('staffing_profiles')
export class StaffingProfileEntity implements StaffingProfileRow {
  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @OneToOne('OrganizationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'organization_id',
    foreignKeyConstraintName: 'fk_staffing_profiles_organization',
  })
  organization?: OrganizationRow;

  @Column({ type: 'date', nullable: true })
  leadingGroupEstablishedOn: string | null;

  @Column({ type: 'date', nullable: true })
  leadingGroupDissolvedOn: string | null;

  /** Last time the bureau confirmed the roster as current (every edit also counts as an update). */
  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @VersionColumn()
  revision: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
