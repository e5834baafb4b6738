import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode } from '../../common/domain-error';

/** What is being guessed: a sign-in, or the current password when changing it. */
export type ThrottleKind = 'signIn' | 'passwordChange';

type Scope = 'account' | 'address';

type Policy = {
  /** Attempts allowed before the first lock. */
  readonly free: number;
  /** First lock (seconds); each further attempt after a lock doubles it… */
  readonly baseSeconds: number;
  /** …up to this. */
  readonly maxSeconds: number;
};

/**
 * Per account: 5 attempts, then 30 s, 60 s, 120 s … up to 15 minutes. Per address (all accounts
 * tried from one client): 20 attempts, then 60 s doubling up to an hour. Counts are forgotten an
 * hour after the last attempt, and an account's on a successful sign-in.
 */
export const THROTTLE_POLICY: Readonly<Record<Scope, Policy>> = {
  account: { free: 5, baseSeconds: 30, maxSeconds: 15 * 60 },
  address: { free: 20, baseSeconds: 60, maxSeconds: 60 * 60 },
};
export const FORGET_AFTER_SECONDS = 60 * 60;

/** Thrown while a key is locked: reason `auth.tooManyAttempts` with the seconds to wait. */
export function tooManyAttempts(seconds: number): DomainError {
  return new DomainError(
    DomainErrorCode.TooManyRequests,
    `too many attempts; try again in ${seconds} s`,
    undefined,
    [],
    { key: 'auth.tooManyAttempts', params: { seconds } },
  );
}

/** The account key: usernames compare trimmed and case-insensitively here. */
function accountKey(username: string): string {
  return username.trim().toLowerCase().slice(0, 200) || '(empty)';
}

/** The address key: IPv4 as is (IPv4-mapped IPv6 unwrapped), IPv6 by its /64 network. */
export function addressKey(address: string | undefined): string {
  const raw = (address ?? '').trim();
  if (raw === '') return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(raw);
  if (mapped?.[1]) return mapped[1];
  if (!raw.includes(':')) return raw.slice(0, 200);
  const [head = '', tail = ''] = raw.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = raw.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Throttles password guessing, per account and per client address, in PostgreSQL so that every
 * server process sees the same counts. A small table of our own rather than `@nestjs/throttler`:
 * the throttler counts requests per route with fixed windows, while this needs to count failed
 * verifications per account *and* per address, forget an account's count on success, lock with a
 * growing back-off, and refuse *before* the expensive argon2 verification — one upsert per scope.
 *
 * Use: `check()` before verifying (throws `auth.tooManyAttempts` while locked, else counts the
 * attempt as a failure), then `record(…, succeeded)` after; or `attempt()` for both.
 */
@Injectable()
export class SignInThrottle {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Refuses (no verification work) while the account or the address is locked; otherwise counts
   * this attempt in advance, so that concurrent guesses in several processes cannot slip past
   * the limit while their passwords are being verified.
   */
  async check(kind: ThrottleKind, username: string, address: string | undefined): Promise<void> {
    const keys: [Scope, string][] = [
      ['account', accountKey(username)],
      ['address', addressKey(address)],
    ];
    // Both counts or neither: a refusal rolls the other scope's count back.
    await this.dataSource.transaction(async (manager) => {
      for (const [scope, key] of keys) {
        const counted = await this.count(manager, kind, scope, key);
        if (!counted) throw tooManyAttempts(await this.secondsLeft(manager, kind, keys));
      }
    });
    if (Math.random() < 0.01) await this.forgetOld();
  }

  /** After the verification: a success clears the account's count and takes back the address's. */
  async record(
    kind: ThrottleKind,
    username: string,
    address: string | undefined,
    succeeded: boolean,
  ): Promise<void> {
    if (!succeeded) return; // counted by check()
    const free = THROTTLE_POLICY.address.free;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `DELETE FROM sign_in_throttles WHERE kind = $1 AND scope = 'account' AND key = $2`,
        [kind, accountKey(username)],
      );
      await manager.query(
        `UPDATE sign_in_throttles
            SET failures = greatest(failures - 1, 0),
                locked_until = CASE WHEN failures - 1 >= $3 THEN locked_until END
          WHERE kind = $1 AND scope = 'address' AND key = $2`,
        [kind, addressKey(address), free],
      );
    });
  }

  /** `check`, `verify`, `record` in one call; returns what `verify` returned. */
  async attempt(
    kind: ThrottleKind,
    username: string,
    address: string | undefined,
    verify: () => Promise<boolean>,
  ): Promise<boolean> {
    await this.check(kind, username, address);
    const ok = await verify();
    await this.record(kind, username, address, ok);
    return ok;
  }

  /** Counts an attempt unless the key is locked; false when locked (nothing changed then). */
  private async count(
    manager: EntityManager,
    kind: ThrottleKind,
    scope: Scope,
    key: string,
  ): Promise<boolean> {
    const { free, baseSeconds, maxSeconds } = THROTTLE_POLICY[scope];
    const next = `CASE WHEN t.last_attempt_at < now() - make_interval(secs => $7)
                       THEN 1 ELSE t.failures + 1 END`;
    const lock = (failures: string): string =>
      `CASE WHEN ${failures} >= $4
            THEN now() + make_interval(secs => least($6::float8, $5::float8 * power(2, ${failures} - $4)))
       END`;
    const rows: unknown[] = await manager.query(
      `INSERT INTO sign_in_throttles AS t (kind, scope, key, failures, last_attempt_at, locked_until)
       VALUES ($1, $2, $3, 1, now(), ${lock('1')})
       ON CONFLICT (kind, scope, key) DO UPDATE
          SET failures = ${next}, last_attempt_at = now(), locked_until = ${lock(next)}
        WHERE t.locked_until IS NULL OR t.locked_until <= now()
       RETURNING failures`,
      [kind, scope, key, free, baseSeconds, maxSeconds, FORGET_AFTER_SECONDS],
    );
    return rows.length > 0;
  }

  private async secondsLeft(
    manager: EntityManager,
    kind: ThrottleKind,
    keys: [Scope, string][],
  ): Promise<number> {
    const rows: { seconds: number | null }[] = await manager.query(
      `SELECT ceil(max(extract(epoch FROM locked_until - now())))::int AS seconds
         FROM sign_in_throttles
        WHERE kind = $1 AND locked_until > now()
          AND ((scope = $2 AND key = $3) OR (scope = $4 AND key = $5))`,
      [kind, ...keys.flat()],
    );
    return Math.max(1, rows[0]?.seconds ?? 1);
  }

  private async forgetOld(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM sign_in_throttles
        WHERE last_attempt_at < now() - make_interval(secs => $1)
          AND (locked_until IS NULL OR locked_until < now())`,
      [FORGET_AFTER_SECONDS],
    );
  }
}
