import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { forbidden, unauthenticated } from '../../common/domain-error';
import { PERMISSION_KEY, PUBLIC, requestOf } from '../../common/permission.decorator';
import { type Permission, roleHas } from '../../common/permissions';
import { AuthService } from './auth.service';
import { ALLOWED_BEFORE_PASSWORD_CHANGE } from './password-change.decorator';

/**
 * The global guard. Deny by default: a handler without a declared permission is refused, even
 * for admins (the audit test also fails on it). Resolves the session cookie once per request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const type = context.getType<string>();
    if (type !== 'graphql' && type !== 'http') return false;
    const required = this.reflector.getAllAndOverride<Permission | typeof PUBLIC | undefined>(
      PERMISSION_KEY,
      [context.getHandler(), context.getClass()],
    );
    if (required === undefined) throw forbidden('this operation declares no permission');
    const req = requestOf(context);
    await this.auth.actorOf(req);
    if (req.actor?.mustChangePassword && !this.allowedBeforePasswordChange(context))
      throw forbidden('change the one-time password first', {
        key: 'auth.passwordChangeRequired',
      });
    if (required === PUBLIC) return true;
    if (!req.actor) throw unauthenticated();
    if (!roleHas(req.actor.role, required))
      throw forbidden(`the ${req.actor.role.toLowerCase()} role may not do this (${required})`, {
        key: 'common.permissionDenied',
        params: { permission: required },
      });
    return true;
  }

  private allowedBeforePasswordChange(context: ExecutionContext): boolean {
    return (
      this.reflector.get<boolean | undefined>(
        ALLOWED_BEFORE_PASSWORD_CHANGE,
        context.getHandler(),
      ) === true
    );
  }
}
