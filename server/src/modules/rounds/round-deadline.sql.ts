/**
 * The deadline rule in SQL lives in PostgreSQL, once (migration `CreateExpectedSubmissionsView`):
 * the functions `round_deadline` and `deadline_day_end`, and the view `expected_submissions` built
 * on them — one row per round and expected body with `deadline`, `extended` and `due_end`. A query
 * that already joins the round and the body calls the functions (`effectiveDeadlineSql`,
 * `lateSql`), which PostgreSQL inlines, so its plan is the one of the written-out expression; a
 * query that does not can read the view. `deadlineFor` (`round-deadline.ts`) is the same rule in
 * TypeScript; `test/expected-submissions.test.ts` holds the three equal.
 */

/**
 * The deadline that applies to a body in a round, as SQL over the aliases of `rounds`,
 * `organizations` and a LEFT JOINed `round_extensions`: the extension's when one was granted,
 * else the round's deadline for the body's level. A `date`.
 */
export function effectiveDeadlineSql(
  round: string,
  organization: string,
  extension: string,
): string {
  return `round_deadline(${organization}.level, ${round}.government_deadline,
         ${round}.department_deadline, ${extension}.deadline)`;
}

/**
 * Whether a body is late, as SQL: first submitted after its deadline day ended in Asia/Shanghai,
 * or not submitted at all once that day has ended (`isOnTime` of the rule engine reads the same
 * calendar day). `deadline` is a `date` expression, `firstSubmittedAt` a `timestamptz` one.
 */
export function lateSql(deadline: string, firstSubmittedAt: string, now = 'now()'): string {
  return `(COALESCE(${firstSubmittedAt}, ${now}) >= deadline_day_end(${deadline}))`;
}

/** The instant (a `timestamptz`) a deadline day (a `date` expression) ends in Asia/Shanghai. */
export function deadlineDayEndSql(deadline: string): string {
  return `deadline_day_end(${deadline})`;
}

/**
 * Whether a body is expected to report in a round, as SQL over the aliases of `rounds` and
 * `organizations`: a reporting body active in the round's year (the same reading as
 * `RoundsService.expectedBodies` with `isActiveIn`, and of the view `expected_submissions`).
 */
export function expectedInRoundSql(round: string, organization: string): string {
  return `(${organization}.reports
         AND (${organization}.active_from_year IS NULL OR ${organization}.active_from_year <= ${round}.year)
         AND (${organization}.active_to_year IS NULL OR ${organization}.active_to_year >= ${round}.year))`;
}

/**
 * The subtree of a node as SQL: `organization`'s materialised path starts with `path` (a text
 * expression — a parameter cast to `text`, or another row's column). Written as a range of the C-collated path
 * (paths hold only hex digits, dashes and slashes, all below '~'), so that the path index serves
 * it also as a join condition, where `LIKE path || '%'` would not be planned as an index range.
 */
export function inSubtreeSql(organization: string, path: string): string {
  return `(${organization}.path >= (${path}) AND ${organization}.path < (${path}) || '~')`;
}
