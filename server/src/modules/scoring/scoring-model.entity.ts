import type { ScoringModel } from '@gongkai/scoring';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A stored scoring model as other modules hold it: a plain record of its columns. */
export type ScoringModelRow = {
  id: string;
  modelId: string;
  version: string;
  definition: ScoringModel;
  createdById: string | null;
  createdAt: Date;
};

/**
 * One version of a scoring model, immutable once stored: a ranking records the row it used.
 * The default model of `@gongkai/scoring` is stored at boot when missing.
 */
@Entity('scoring_models')
@Index('ux_scoring_models_model_version', ['modelId', 'version'], { unique: true })
export class ScoringModelEntity implements ScoringModelRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The model's own id (`gongkai-default`). */
  @Column({ type: 'varchar', length: 100 })
  modelId: string;

  @Column({ type: 'varchar', length: 40 })
  version: string;

  /** The whole model, validated with `validateModel` before it was stored. */
  @Column({ type: 'jsonb' })
  definition: ScoringModel;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
