import { GOVERNMENT_LEVELS } from '../organizations';

/**
 * The deadline that applies to a body in a round, as SQL over the aliases of `rounds`,
 * `organizations` and a LEFT JOINed `round_extensions`: the extension's when one was granted,
 * else the round's deadline for the body's level (the same reading as
 * `RoundsService.deadlineFor`). A `date`.
 */
export function effectiveDeadlineSql(
  round: string,
  organization: string,
  extension: string,
): string {
  const levels = [...GOVERNMENT_LEVELS].map((l) => `'${l}'`).join(', ');
  return `COALESCE(${extension}.deadline,
         CASE WHEN ${organization}.level IN (${levels}) THEN ${round}.government_deadline
              ELSE ${round}.department_deadline END)`;
}

/**
 * Whether a body is late, as SQL: first submitted after its deadline day ended in Asia/Shanghai,
 * or not submitted at all once that day has ended (`isOnTime` of the rule engine reads the same
 * calendar day). `deadline` is a `date` expression, `firstSubmittedAt` a `timestamptz` one.
 */
export function lateSql(deadline: string, firstSubmittedAt: string, now = 'now()'): string {
  const end = `((${deadline})::timestamp + interval '1 day') AT TIME ZONE 'Asia/Shanghai'`;
  return `(COALESCE(${firstSubmittedAt}, ${now}) >= ${end})`;
}

/**
 * Whether a body is expected to report in a round, as SQL over the aliases of `rounds` and
 * `organizations`: a reporting body active in the round's year (the same reading as
 * `RoundsService.expectedBodies` with `isActiveIn`).
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
