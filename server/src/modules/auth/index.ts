// The module's public surface: other modules, the CLI, the demo and the root files import only
// from here. No entity leaves the module: others hold an account as a `UserRow`.
export { AuthModule } from './auth.module';
export { AuthService, checkUsername, weakPassword } from './auth.service';
export { SignInThrottle } from './sign-in-throttle';
export { hashPassword } from './password';
export { userWrites } from './user-writes';
export { SESSION_COOKIE } from './session-token';
export type { UserRow } from './user.entity';
export { AUTH_READ_VIEWS } from './read-views';
export { type DemoUserRow, userLookups } from './user-lookups';
