import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Change counters of the stored ranking results: `round:<id>` is bumped by database triggers
 * when a round's submissions change state or submitted version, when its deadlines or
 * extensions change; `organizations` when the hierarchy changes. See the scoring README.
 */
@Entity('scoring_stamps')
export class ScoringStampEntity {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  scope: string;

  @Column({ type: 'bigint', default: 0 })
  stamp: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;
}
