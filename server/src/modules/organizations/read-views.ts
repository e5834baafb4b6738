/**
 * The read views this module publishes for other modules' SQL (created by the migration
 * `PublishReadViews`): another module's SQL names these, never this module's tables (`pnpm lint`
 * refuses it, see server/src/modules/README.md). Each view maps to the table it projects.
 */
export const ORGANIZATION_READ_VIEWS = {
  /** every body of the hierarchy, closed ones too: `organizations` */
  organization_directory: 'organizations',
} as const;
