import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import type { Actor } from '../../common/actor';
import { badInput, conflict, unauthenticated } from '../../common/domain-error';
import { Role } from '../../common/permissions';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { OrganizationEntity } from '../organizations/organization.entity';
import { dummyHash, hashPassword, verifyPassword } from './password';
import { SessionEntity } from './session.entity';
import { signToken, verifyToken } from './session-token';
import { SignInThrottle } from './sign-in-throttle';
import { UserEntity } from './user.entity';

export type SignedIn = { token: string; expiresAt: Date; user: UserEntity };

export type CreateUserInput = {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  organizationId: string;
  isDemo?: boolean;
};

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
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
    const session = await this.sessions.save(
      this.sessions.create({ userId: user.id, expiresAt, revokedAt: null }),
    );
    const token = signToken(
      { sid: session.id, uid: user.id, exp: expiresAt.getTime() },
      this.config.secret,
    );
    return { token, expiresAt, user };
  }

  async signOut(actor: Actor): Promise<void> {
    await this.sessions.update({ id: actor.sessionId }, { revokedAt: new Date() });
  }

  /** The actor behind a cookie token, or null (bad signature, expired, revoked, inactive user). */
  async resolve(token: string | undefined): Promise<Actor | null> {
    if (!token) return null;
    const payload = verifyToken(token, this.config.secret);
    if (!payload) return null;
    const rows: {
      user_id: string;
      username: string;
      role: Role;
      organization_id: string;
      path: string;
    }[] = await this.dataSource.query(
      `SELECT u.id AS user_id, u.username, u.role, u.organization_id, o.path
         FROM sessions s
         JOIN users u ON u.id = s.user_id
         JOIN organizations o ON o.id = u.organization_id
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
    };
  }

  async sessionExpiry(sessionId: string): Promise<Date> {
    const session = await this.sessions.findOne({ where: { id: sessionId } });
    return session?.expiresAt ?? new Date();
  }

  findUser(id: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { id } });
  }

  /** Creates an account (admins, and the demo seed). */
  async createUser(input: CreateUserInput): Promise<UserEntity> {
    const username = input.username.trim();
    if (!/^[A-Za-z0-9._-]{3,100}$/.test(username))
      throw badInput('input.username', '3–100 letters, digits, dots, dashes or underscores');
    if (input.password.length < 10) throw badInput('input.password', 'at least 10 characters');
    if (input.displayName.trim() === '') throw badInput('input.displayName', 'required');
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager.findOne(OrganizationEntity, {
        where: { id: input.organizationId },
      });
      if (!organization) throw badInput('input.organizationId', 'no such organization');
      const taken = await manager.exists(UserEntity, { where: { username } });
      if (taken) throw conflict(`username ${username} is taken`);
      return manager.save(
        manager.create(UserEntity, {
          username,
          displayName: input.displayName.trim(),
          passwordHash: await hashPassword(input.password),
          role: input.role,
          organizationId: input.organizationId,
          active: true,
          isDemo: input.isDemo ?? false,
        }),
      );
    });
  }
}
