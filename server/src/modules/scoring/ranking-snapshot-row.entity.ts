import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { InputRef } from './input-ref';
import type { RowFlag } from './ranking-row';
import { RankingSnapshotEntity } from './ranking-snapshot.entity';

/**
 * One organization's line of a frozen ranking, with the inputs it was scored from. A snapshot's
 * rows are written once, in rank order (`position`), and never changed: the ranking page reads
 * them a page at a time and the export through a cursor, so a national snapshot is never held
 * in memory whole.
 */
@Entity('ranking_snapshot_rows')
@Index('ux_ranking_snapshot_rows_organization', ['snapshotId', 'organizationId'], {
  unique: true,
})
export class RankingSnapshotRowEntity {
  @PrimaryColumn({ type: 'uuid' })
  snapshotId: string;

  /**
   * The snapshot, held by triggers rather than a foreign key (migration
   * `CheckSnapshotRowsBySet`): a freeze writes a national snapshot's 120,000 rows in one
   * statement, which one set-based check per statement serves for a fraction of the cost of a
   * key check per row. Rows are refused for a snapshot that does not exist (locked as the key
   * check locks it) and deleted with their snapshot.
   */
  @ManyToOne(() => RankingSnapshotEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'snapshot_id' })
  snapshot?: RankingSnapshotEntity;

  /** 0-based place in rank order (ties in the order they were ranked). */
  @PrimaryColumn({ type: 'int' })
  position: number;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'text' })
  organizationName: string;

  @Column({ type: 'text', nullable: true })
  regionName: string | null;

  @Column({ type: 'text' })
  peerGroup: string;

  @Column({ type: 'text', nullable: true })
  departmentType: string | null;

  @Column({ type: 'int', nullable: true })
  rank: number | null;

  @Column({ type: 'boolean' })
  tied: boolean;

  @Column({ type: 'double precision', nullable: true })
  score: number | null;

  /** Points per model indicator (model order); null where not applicable. */
  @Column({ type: 'jsonb' })
  points: (number | null)[];

  @Column({ type: 'jsonb' })
  flags: RowFlag[];

  @Column({ type: 'text', nullable: true })
  status: string | null;

  /** As shown: ISO-8601 with offset. */
  @Column({ type: 'text', nullable: true })
  firstSubmittedAt: string | null;

  @Column({ type: 'int', nullable: true })
  previousRank: number | null;

  @Column({ type: 'int', nullable: true })
  rankChange: number | null;

  /** The submission version scored (its stored findings are the findings sheet's). */
  @Column({ type: 'uuid', nullable: true })
  versionId: string | null;

  /** `refDigest(input)`: compared with the live data's to tell what changed since. */
  @Column({ type: 'text' })
  inputDigest: string;

  @Column({ type: 'jsonb' })
  input: InputRef;
}
