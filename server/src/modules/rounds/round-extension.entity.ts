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
import { RoundEntity } from './round.entity';

/** An extension as other modules hold it: a plain record of its columns. */
export type RoundExtensionRow = {
  id: string;
  roundId: string;
  organizationId: string;
  /** Last day (Asia/Shanghai, inclusive), 'YYYY-MM-DD'. */
  deadline: string;
  reason: string;
  grantedById: string | null;
  createdAt: Date;
};

/** A later deadline granted to one organization in one round. */
@Entity('round_extensions')
@Index('ux_round_extensions_round_organization', ['roundId', 'organizationId'], { unique: true })
export class RoundExtensionEntity implements RoundExtensionRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  roundId: string;

  @ManyToOne(() => RoundEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'fk_round_extensions_round' })
  round?: RoundEntity;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne('OrganizationEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'organization_id',
    foreignKeyConstraintName: 'fk_round_extensions_organization',
  })
  organization?: OrganizationRow;

  /** Last day (Asia/Shanghai, inclusive). */
  @Column({ type: 'date' })
  deadline: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid', nullable: true })
  grantedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
