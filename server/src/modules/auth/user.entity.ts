import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Role } from '../../common/permissions';
import type { OrganizationRow } from '../organizations';

/**
 * An account as other modules hold it: a plain record of its columns but the password hash (no
 * relation, no decorator). The entity stays inside the module.
 */
export type UserRow = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  organizationId: string;
  active: boolean;
  isDemo: boolean;
  mustChangePassword: boolean;
  deactivatedAt: Date | null;
  passwordChangedAt: Date | null;
  lastSignInAt: Date | null;
  createdAt: Date;
};

@Entity('users')
@Index('ux_users_username', ['username'], { unique: true })
export class UserEntity implements UserRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  username: string;

  @Column({ type: 'varchar', length: 200 })
  displayName: string;

  /** argon2id */
  @Column({ type: 'text' })
  passwordHash: string;

  @Column({ type: 'enum', enum: Role, enumName: 'user_role' })
  role: Role;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne('OrganizationEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_users_organization' })
  organization?: OrganizationRow;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** A demo account with a public password: production refuses to start while one exists. */
  @Column({ type: 'boolean', default: false })
  isDemo: boolean;

  /** Signed in with a one-time password: every operation but changing it is refused until then. */
  @Column({ type: 'boolean', default: false })
  mustChangePassword: boolean;

  /** When the account was last deactivated (null while active). */
  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSignInAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
