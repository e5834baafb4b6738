/**
 * The read views this module publishes for other modules' SQL (created by the migration
 * `PublishReadViews`; `expected_submissions` by `CreateExpectedSubmissionsView`): another module's
 * SQL names these, never this module's tables (`pnpm lint` refuses it, see
 * server/src/modules/README.md). Each view maps to the table it projects.
 */
export const ROUND_READ_VIEWS = {
  /** every round: `rounds` */
  round_directory: 'rounds',
  /** the extensions granted in rounds, without their reasons: `round_extensions` */
  round_extension_deadlines: 'round_extensions',
  /** each round's expected bodies with their deadlines (the deadline rule) */
  expected_submissions: 'rounds',
} as const;
