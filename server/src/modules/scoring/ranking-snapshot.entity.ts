import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { OrganizationRow } from '../organizations';
import type { RoundRow } from '../rounds';
import { ScoringModelEntity } from './scoring-model.entity';

export enum SnapshotStatus {
  FROZEN = 'FROZEN',
  PUBLISHED = 'PUBLISHED',
}

/** A frozen ranking as other modules hold it: a plain record of its columns. */
export type RankingSnapshotRow = {
  id: string;
  roundId: string;
  regionId: string;
  regionPath: string;
  peerGroup: string | null;
  scoringModelId: string;
  title: string;
  status: SnapshotStatus;
  asOf: Date;
  inputsHash: string;
  previousSnapshotId: string | null;
  entryCount: number;
  rankedCount: number;
  frozenById: string | null;
  createdAt: Date;
  publishedAt: Date | null;
  publishedById: string | null;
};

/**
 * A frozen ranking: the model version and, in `ranking_snapshot_rows`, every organization's
 * result row and inputs (by reference to immutable submission versions, see InputRef), as they
 * were. Never updated except to publish.
 */
@Entity('ranking_snapshots')
@Index('ix_ranking_snapshots_round_region', ['roundId', 'regionId', 'createdAt'])
export class RankingSnapshotEntity implements RankingSnapshotRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  roundId: string;

  @ManyToOne('RoundEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'fk_ranking_snapshots_round' })
  round?: RoundRow;

  /** The region node ranked (its whole subtree). */
  @Column({ type: 'uuid' })
  regionId: string;

  @ManyToOne('OrganizationEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id', foreignKeyConstraintName: 'fk_ranking_snapshots_region' })
  region?: OrganizationRow;

  /** Materialised path of the region node when frozen (access checks, by prefix). */
  @Column({ type: 'text', collation: 'C' })
  regionPath: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  peerGroup: string | null;

  @Column({ type: 'uuid' })
  scoringModelId: string;

  @ManyToOne(() => ScoringModelEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'scoring_model_id',
    foreignKeyConstraintName: 'fk_ranking_snapshots_scoring_model',
  })
  scoringModel?: ScoringModelEntity;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({
    type: 'enum',
    enum: SnapshotStatus,
    enumName: 'ranking_snapshot_status',
    default: SnapshotStatus.FROZEN,
  })
  status: SnapshotStatus;

  /** The scoring instant (deadlines judged as of it). */
  @Column({ type: 'timestamptz' })
  asOf: Date;

  /** sha256 over the organizations' input digests: compared with the live data for `stale`. */
  @Column({ type: 'char', length: 64 })
  inputsHash: string;

  /** The previous round's snapshot the rank changes were taken from. */
  @Column({ type: 'uuid', nullable: true })
  previousSnapshotId: string | null;

  @Column({ type: 'int' })
  entryCount: number;

  @Column({ type: 'int' })
  rankedCount: number;

  @Column({ type: 'uuid', nullable: true })
  frozenById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  publishedById: string | null;
}
