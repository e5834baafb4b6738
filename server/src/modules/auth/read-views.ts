/**
 * The read views this module publishes for other modules' SQL (created by the migration
 * `PublishReadViews`): another module's SQL names these, never this module's tables (`pnpm lint`
 * refuses it, see server/src/modules/README.md). Each view maps to the table it projects.
 */
export const AUTH_READ_VIEWS = {
  /** who a user is, their role and organization — no password hash: `users` */
  user_contacts: 'users',
} as const;
