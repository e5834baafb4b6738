import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { SubmissionVersionEntity } from './submission-version.entity';

/**
 * What the rule `originality.peer` compares of a version (`peer-keys.ts`), written with the
 * version: its LSH band keys mixed with the report's year (GIN-indexed in the migration, for
 * `band_keys && $keys`) and its MinHash signature. A save finds its candidates with one indexed
 * query instead of holding the round's reports in memory; versions stored before this table are
 * filled by the job `peer-keys-backfill`.
 */
@Entity('version_peer_keys')
export class VersionPeerKeyEntity {
  @PrimaryColumn({ type: 'uuid' })
  versionId: string;

  @OneToOne(() => SubmissionVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'fk_version_peer_keys_version' })
  version?: SubmissionVersionEntity;

  /** The version's submission (its round and organization, and whether the version counts). */
  @Column({ type: 'uuid' })
  submissionId: string;

  /** Empty when the prose is too short to compare; GIN index `ix_version_peer_keys_band_keys`. */
  @Index('ix_version_peer_keys_band_keys', { synchronize: false })
  @Column({ type: 'int', array: true })
  bandKeys: number[];

  /** 128 little-endian 32-bit bins; null with no band keys. */
  @Column({ type: 'bytea', nullable: true })
  signature: Buffer | null;
}
