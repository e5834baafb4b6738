import { GOVERNMENT_LEVELS } from '../organizations/organization.entity';

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
