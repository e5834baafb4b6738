/**
 * The read views this module publishes for other modules' SQL (created by the migration
 * `PublishReadViews`): another module's SQL names these, never this module's tables (`pnpm lint`
 * refuses it, see server/src/modules/README.md). Each view maps to the table it projects.
 */
export const SCORING_READ_VIEWS = {
  /** frozen snapshots' headers: `ranking_snapshots` */
  ranking_snapshot_headers: 'ranking_snapshots',
  /** frozen snapshots' rows: `ranking_snapshot_rows` */
  ranking_snapshot_entries: 'ranking_snapshot_rows',
  /** stored live results' headers: `ranking_results` */
  ranking_result_headers: 'ranking_results',
  /** stored live results' rows: `ranking_result_rows` */
  ranking_result_entries: 'ranking_result_rows',
} as const;
