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

export enum OrganizationLevel {
  /** The national root (全国): provinces sit under it; it runs rounds and files no report. */
  NATION = 'NATION',
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  COUNTY = 'COUNTY',
  DEPARTMENT = 'DEPARTMENT',
  TOWNSHIP = 'TOWNSHIP',
}

/**
 * Governments report by 31 March, their departments (and townships) by 31 January. The nation
 * is none of them: it files no report, so no deadline of its own.
 */
export const GOVERNMENT_LEVELS: ReadonlySet<OrganizationLevel> = new Set([
  OrganizationLevel.PROVINCE,
  OrganizationLevel.CITY,
  OrganizationLevel.COUNTY,
]);

/**
 * An organization as other modules hold it: a plain record of its columns (no relation, no
 * decorator), what the lookups and the exported services hand out. The entity stays inside the
 * module.
 */
export type OrganizationRow = {
  id: string;
  code: string;
  name: string;
  level: OrganizationLevel;
  parentId: string | null;
  path: string;
  kind: string | null;
  peerGroup: string | null;
  region: string | null;
  activeFromYear: number | null;
  activeToYear: number | null;
  reports: boolean;
  isDemo: boolean;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
};

/** A node of the hierarchy: a government or one of its reporting bodies. */
@Entity('organizations')
@Index('ux_organizations_code', ['code'], { unique: true })
@Index('ix_organizations_parent_id', ['parentId'])
export class OrganizationEntity implements OrganizationRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable key used by roster imports. */
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'enum', enum: OrganizationLevel, enumName: 'organization_level' })
  level: OrganizationLevel;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrganizationEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_organizations_parent' })
  parent?: OrganizationEntity | null;

  /**
   * Materialised path `/<root id>/…/<own id>/`; a subtree is `path LIKE '<node path>%'`
   * (indexed with text_pattern_ops in the migration).
   */
  @Column({ type: 'text', collation: 'C' })
  @Index('ix_organizations_path', { synchronize: false })
  path: string;

  /** Department kind (e.g. 科技局), for peer comparison. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  kind: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  peerGroup: string | null;

  /** 某省某市某县 */
  @Column({ type: 'varchar', length: 200, nullable: true })
  region: string | null;

  /** First statistics year the body reports for (null: always). */
  @Column({ type: 'int', nullable: true })
  activeFromYear: number | null;

  /** Last statistics year the body reports for (null: still active); a body closed in 2023 reports up to 2022. */
  @Column({ type: 'int', nullable: true })
  activeToYear: number | null;

  /** Whether the body files its own annual report (a grouping node may not, the nation never). */
  @Column({ type: 'boolean', default: true })
  reports: boolean;

  /** Part of the demo dataset. */
  @Column({ type: 'boolean', default: false })
  isDemo: boolean;

  @VersionColumn()
  revision: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

export function isActiveIn(
  organization: Pick<OrganizationRow, 'activeFromYear' | 'activeToYear'>,
  year: number,
): boolean {
  return (
    (organization.activeFromYear === null || organization.activeFromYear <= year) &&
    (organization.activeToYear === null || organization.activeToYear >= year)
  );
}
