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

/** A later deadline granted to one organization in one round. */
@Entity('round_extensions')
@Index('ux_round_extensions_round_organization', ['roundId', 'organizationId'], { unique: true })
export class RoundExtensionEntity {
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
