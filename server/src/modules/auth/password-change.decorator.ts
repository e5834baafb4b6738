import { SetMetadata } from '@nestjs/common';

export const ALLOWED_BEFORE_PASSWORD_CHANGE = 'gongkai:allowedBeforePasswordChange';

/**
 * Reachable while the account still holds a one-time password (`me`, `signOut`,
 * `changeOwnPassword`); the global guard refuses everything else with
 * `auth.passwordChangeRequired`.
 */
export const AllowedBeforePasswordChange = (): MethodDecorator =>
  SetMetadata(ALLOWED_BEFORE_PASSWORD_CHANGE, true);
