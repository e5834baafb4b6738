import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-in (or password-change) attempts of one account or one client address, shared by
 * every server process through the database. Maintained by `SignInThrottle` in single SQL
 * statements; never read or written through the repository.
 */
@Entity('sign_in_throttles')
@Index('ix_sign_in_throttles_last_attempt_at', ['lastAttemptAt'])
export class SignInThrottleEntity {
  /** `signIn` or `passwordChange`. */
  @PrimaryColumn({ type: 'varchar', length: 30 })
  kind: string;

  /** `account` (the normalised username) or `address` (the client's address or IPv6 /64). */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  scope: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  /** Attempts counted against the key since its counts were last forgotten. */
  @Column({ type: 'integer' })
  failures: number;

  @Column({ type: 'timestamptz' })
  lastAttemptAt: Date;

  /** No attempt is verified before this instant. */
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;
}
