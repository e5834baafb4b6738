import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_RULE_TEXT,
  passwordProblem,
} from '@gongkai/account-policy';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import type { Actor } from '../../common/actor';
import type { RequestWithActor } from '../../common/permission.decorator';
import { badInput, type DomainError, unauthenticated } from '../../common/domain-error';
import { Role } from '../../common/permissions';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditService } from '../audit';
import { organizationLookups, type OrganizationRow } from '../organizations';
import { dummyHash, hashPassword, verifyPassword } from './password';
import { oneTimePassword } from './one-time-password';
import { SessionEntity } from './session.entity';
import { SESSION_COOKIE, signToken, TokenVerifier } from './session-token';
import { SignInThrottle } from './sign-in-throttle';
import { UserEntity, type UserRow } from './user.entity';
import { checkUsernameFree, userWrites } from './user-writes';

export type SignedIn = { token: string; expiresAt: Date; user: UserRow };

export type CreateUserInput = {
  username: string;
  displayName: string;
  /** Absent or null: a one-time password is generated and must be changed at first sign-in. */
  password?: string | null;
  role: Role;
  organizationId: string;
  isDemo?: boolean;
};

export type CreatedUser = { user: UserRow; oneTimePassword: string | null };

export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{3,100}$/;

/** The reason a password breaks a rule, as a bad-input error on `field`. */
export function weakPassword(
  field: string,
  password: string,
  username: string,
): DomainError | null {
  const rule = passwordProblem(password, username);
  if (!rule) return null;
  return badInput(field, PASSWORD_RULE_TEXT[rule], {
    key: `auth.password.${rule}`,
    params: { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH },
  });
}

/** Checks the username's characters; the reason names it. */
export function checkUsername(field: string, username: string): void {
  if (!USERNAME_PATTERN.test(username))
    throw badInput(field, '3–100 letters, digits, dots, dashes or underscores', {
      key: 'auth.usernameInvalid',
      params: { username },
    });
}

/** A bureau account needs a body that files its own report. */
export { checkBureauOrganization } from './user-writes';

@Injectable()
export class AuthService {
  /** Signatures already checked (the session row is still read on every request). */
  private tokens: TokenVerifier | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly throttle: SignInThrottle,
  ) {}

  async signIn(username: string, password: string, address?: string): Promise<SignedIn> {
    await this.throttle.check('signIn', username, address);
    const user = await this.users.findOne({ where: { username: username.trim() } });
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    await this.throttle.record('signIn', username, address, !!user && ok && user.active);
    if (!user || !ok || !user.active)
      throw unauthenticated('wrong username or password', { key: 'auth.wrongCredentials' });
    const expiresAt = new Date(Date.now() + this.config.sessionMinutes * 60_000);
    const session = await this.dataSource.transaction(async (manager) => {
      await manager.update(UserEntity, { id: user.id }, { lastSignInAt: new Date() });
      return manager.save(
        manager.create(SessionEntity, { userId: user.id, expiresAt, revokedAt: null }),
      );
    });
    const token = signToken(
      { sid: session.id, uid: user.id, exp: expiresAt.getTime() },
      this.config.secret,
    );
    return { token, expiresAt, user };
  }

  async signOut(actor: Actor): Promise<void> {
    await this.sessions.update({ id: actor.sessionId }, { revokedAt: new Date() });
  }

  /**
   * The request's actor from its session cookie, looked up once per request: the guards of root
   * fields resolved side by side wait for the same lookup rather than each querying.
   */
  async actorOf(req: RequestWithActor): Promise<Actor | null> {
    if (req.actor !== undefined) return req.actor;
    const cookies = (req.cookies ?? {}) as Record<string, string | undefined>;
    req.actorLookup ??= this.resolve(cookies[SESSION_COOKIE]);
    const actor = await req.actorLookup;
    req.actor = actor;
    return actor;
  }

  /** The actor behind a cookie token, or null (bad signature, expired, revoked, inactive user). */
  async resolve(token: string | undefined): Promise<Actor | null> {
    if (!token) return null;
    this.tokens ??= new TokenVerifier(this.config.secret);
    const payload = this.tokens.verify(token);
    if (!payload) return null;
    const rows: {
      user_id: string;
      username: string;
      role: Role;
      organization_id: string;
      path: string;
      must_change_password: boolean;
    }[] = await this.dataSource.query(
      `SELECT u.id AS user_id, u.username, u.role, u.organization_id, o.path, u.must_change_password
         FROM sessions s
         JOIN users u ON u.id = s.user_id
         JOIN organization_directory o ON o.id = u.organization_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL
          AND s.expires_at > now() AND u.active`,
      [payload.sid, payload.uid],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      userId: row.user_id,
      username: row.username,
      role: row.role,
      organizationId: row.organization_id,
      organizationPath: row.path,
      sessionId: payload.sid,
      mustChangePassword: row.must_change_password,
    };
  }

  /**
   * The actor background work acts as on behalf of a user (a batch import resumed by a job),
   * read as a session is: the user must still be active, with the role and organization they
   * have now. `label` stands where a session id would (audit events name it). null when the user
   * is gone or deactivated.
   */
  async actorForUser(manager: EntityManager, userId: string, label: string): Promise<Actor | null> {
    const rows: {
      user_id: string;
      username: string;
      role: Role;
      organization_id: string;
      path: string;
    }[] = await manager.query(
      `SELECT u.id AS user_id, u.username, u.role, u.organization_id, o.path
         FROM users u JOIN organization_directory o ON o.id = u.organization_id
        WHERE u.id = $1 AND u.active`,
      [userId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      userId: row.user_id,
      username: row.username,
      role: row.role,
      organizationId: row.organization_id,
      organizationPath: row.path,
      sessionId: label,
    };
  }

  async sessionExpiry(sessionId: string): Promise<Date> {
    const session = await this.sessions.findOne({ where: { id: sessionId } });
    return session?.expiresAt ?? new Date();
  }

  findUser(id: string): Promise<UserRow | null> {
    return this.users.findOne({ where: { id } });
  }

  /** Ends a user's sessions at once, all of them or all but one. */
  async revokeSessions(
    manager: EntityManager,
    userId: string,
    keepSessionId: string | null = null,
  ): Promise<number> {
    const result: [unknown[], number] = await manager.query(
      `UPDATE sessions SET revoked_at = now()
        WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [userId, keepSessionId],
    );
    return result[1];
  }

  /**
   * Creates an account (admins, the command line and tests). Without a password a one-time
   * password is generated and returned once; the account must change it at first sign-in.
   */
  async createUser(input: CreateUserInput, actor: Actor | null = null): Promise<CreatedUser> {
    const username = input.username.trim();
    checkUsername('input.username', username);
    const given = input.password ?? null;
    if (given !== null) {
      const weak = weakPassword('input.password', given, username);
      if (weak) throw weak;
    }
    const displayName = input.displayName.trim();
    if (displayName === '')
      throw badInput('input.displayName', 'required', { key: 'auth.displayNameRequired' });
    const password = given ?? oneTimePassword();
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (manager) => {
      const user = await userWrites.create(this.audit.contextFor(manager, actor), {
        username,
        displayName,
        passwordHash,
        oneTime: given === null,
        role: input.role,
        organizationId: input.organizationId,
        isDemo: input.isDemo,
      });
      return { user, oneTimePassword: given === null ? password : null };
    });
  }

  /**
   * The signed-in user changes their own password: the current one is required, the new one
   * must meet the rules; clears the one-time flag and ends every other session of the user.
   */
  async changeOwnPassword(
    actor: Actor,
    input: { currentPassword: string; newPassword: string },
    address?: string,
  ): Promise<UserRow> {
    const user = await this.users.findOne({ where: { id: actor.userId } });
    if (!user) throw unauthenticated();
    // Guessing the current password from a stolen session is throttled like signing in.
    const current = await this.throttle.attempt('passwordChange', user.username, address, () =>
      verifyPassword(user.passwordHash, input.currentPassword),
    );
    if (!current)
      throw badInput('input.currentPassword', 'the current password is not right', {
        key: 'auth.wrongCurrentPassword',
      });
    const weak = weakPassword('input.newPassword', input.newPassword, user.username);
    if (weak) throw weak;
    if (input.newPassword === input.currentPassword)
      throw badInput('input.newPassword', 'choose a password different from the current one', {
        key: 'auth.password.unchanged',
      });
    const passwordHash = await hashPassword(input.newPassword);
    return this.dataSource.transaction(async (manager) => {
      await manager.update(
        UserEntity,
        { id: user.id },
        { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() },
      );
      await this.revokeSessions(manager, user.id, actor.sessionId);
      await this.audit.record(manager, actor, {
        organizationId: user.organizationId,
        action: 'user.changePassword',
        data: { username: user.username },
      });
      return manager.findOneOrFail(UserEntity, { where: { id: user.id } });
    });
  }

  async organizationFor(
    manager: EntityManager,
    field: string,
    id: string,
  ): Promise<OrganizationRow> {
    const organization = /^[0-9a-f-]{36}$/i.test(id)
      ? await organizationLookups.byId(manager, id)
      : null;
    if (!organization)
      throw badInput(field, 'no such organization', { key: 'auth.organizationUnknown' });
    return organization;
  }

  checkUsernameFree(manager: EntityManager, field: string, username: string): Promise<void> {
    return checkUsernameFree(manager, field, username);
  }
}
