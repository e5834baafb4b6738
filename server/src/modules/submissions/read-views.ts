/**
 * The read views this module publishes for other modules' SQL (created by the migration
 * `PublishReadViews`): another module's SQL names these, never this module's tables (`pnpm lint`
 * refuses it, see server/src/modules/README.md). Each view maps to the table it projects.
 */
export const SUBMISSION_READ_VIEWS = {
  /** each submission's state, counters and current/submitted versions: `submissions` */
  submission_states: 'submissions',
  /** every stored version's report, findings and counts: `submission_versions` */
  submission_reports: 'submission_versions',
} as const;
