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

/**
 * "Vacant since": declared by the bureau for a post no recorded holder ever filled. When a
 * holder left, the vacancy starts the day after they left and this row is not needed.
 */
@Entity('post_vacancies')
@Index('ux_post_vacancies_organization_post', ['organizationId', 'postKey'], { unique: true })
export class PostVacancyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne('OrganizationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'organization_id',
    foreignKeyConstraintName: 'fk_post_vacancies_organization',
  })
  organization?: OrganizationRow;

  @Column({ type: 'varchar', length: 40 })
  postKey: string;

  /** First vacant day (Asia/Shanghai). */
  @Column({ type: 'date' })
  since: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
