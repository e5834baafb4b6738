/**
 * The read views this module publishes for other modules' SQL (created by the migration
 * `PublishReadViews`): another module's SQL names these, never this module's tables (`pnpm lint`
 * refuses it, see server/src/modules/README.md). Each view maps to the table it projects.
 */
export const AUDIT_READ_VIEWS = {
  /** who did what to which organization, submission or round, when — without reasons or data */
  audit_trail: 'audit_events',
} as const;
