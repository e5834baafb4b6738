import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
} from 'typeorm';
import type { StaffingFacts } from '@gongkai/scoring';
import type { StoredFlag } from './version-inputs';
import type { SubmissionVersionRow } from '../submissions';

/**
 * What `@gongkai/scoring` reads from one submission version and last year's, computed when the
 * version is stored (`version-inputs.ts`); rankings are computed in SQL over these rows. One row
 * per version; rows of an older `inputsVersion` are recomputed by the backfill job.
 */
@Entity('version_scoring_inputs')
@Index('ix_version_scoring_inputs_round_org', ['roundId', 'organizationId'])
@Index('ix_version_scoring_inputs_inputs_version', ['inputsVersion'])
export class VersionScoringInputEntity {
  @PrimaryColumn({ type: 'uuid' })
  versionId: string;

  @OneToOne('SubmissionVersionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'version_id',
    foreignKeyConstraintName: 'fk_version_scoring_inputs_version',
  })
  version?: SubmissionVersionRow;

  @Column({ type: 'uuid' })
  submissionId: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'uuid' })
  roundId: string;

  @Column({ type: 'int' })
  inputsVersion: number;

  /** Per catalogue indicator (`INDICATOR_IDS` order): STORED_VALUE … STORED_BY_DATES. */
  @Column({ type: 'smallint', array: true })
  statuses: number[];

  /** Raw values where measured, else null. */
  @Column({ type: 'float8', array: true })
  vals: (number | null)[];

  @Column({ type: 'int' })
  errorCount: number;

  @Column({ type: 'int' })
  warningCount: number;

  /** `DEFAULT_KEY_TOTALS` of the report (peer-band flags). */
  @Column({ type: 'float8', array: true })
  keyTotals: (number | null)[];

  @Column({ type: 'uuid', nullable: true })
  previousVersionId: string | null;

  @Column({ type: 'int', nullable: true })
  previousErrors: number | null;

  @Column({ type: 'int', nullable: true })
  previousWarnings: number | null;

  @Column({ type: 'boolean', nullable: true })
  sameProse: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  sameTables: boolean | null;

  /** Staffing facts from the report's prose. */
  @Column({ type: 'jsonb' })
  staffing: StaffingFacts;

  /** Content flags and year-on-year outliers of the version, with their ordinals. */
  @Column({ type: 'jsonb' })
  flags: StoredFlag[];

  @Column({ type: 'varchar', length: 40 })
  digest: string;

  @CreateDateColumn({ type: 'timestamptz' })
  computedAt: Date;
}
