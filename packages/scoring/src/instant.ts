import { shanghaiDaysBetween } from '@gongkai/report-model';

/**
 * Instants as scoring reads them.
 *
 * Convention: every deadline and timestamp is an **instant** (a point in time), never a bare
 * date. A deadline "by 31 January" is the instant `2024-01-31T23:59:59.999+08:00`
 * (`shanghaiEndOfDay('2024-01-31')`); a submission is on time when `submittedAt <= deadline`.
 * Day counts (days late, days vacant, days since a return) are differences of Asia/Shanghai
 * calendar days. The Asia/Shanghai day logic itself is `@gongkai/report-model`'s time module,
 * re-exported here for scoring's callers.
 */
export { shanghaiDaysBetween, shanghaiEndOfDay, toShanghaiIso } from '@gongkai/report-model';

/** An ISO-8601 string with an explicit offset or `Z`, epoch milliseconds, or a `Date`. */
export type Instant = string | number | Date;

const OFFSET_PATTERN = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Epoch milliseconds of an instant; throws a RangeError for a string without an offset. */
export function toEpochMs(instant: Instant): number {
  if (typeof instant === 'number') {
    if (!Number.isFinite(instant)) throw new RangeError(`not an instant: ${instant}`);
    return instant;
  }
  if (instant instanceof Date) {
    const ms = instant.getTime();
    if (Number.isNaN(ms)) throw new RangeError('not an instant: invalid Date');
    return ms;
  }
  if (!OFFSET_PATTERN.test(instant)) {
    throw new RangeError(
      `not an instant: "${instant}" has no time-zone offset (write e.g. 2024-01-31T23:59:59.999+08:00)`,
    );
  }
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: "${instant}"`);
  return ms;
}

/** Epoch milliseconds of an optional instant (null/undefined stay null). */
export function toEpochMsOrNull(instant: Instant | null | undefined): number | null {
  return instant === null || instant === undefined ? null : toEpochMs(instant);
}

/** Days late of `atMs` against `deadlineMs`: 0 when on time, otherwise at least 1. */
export function daysLate(deadlineMs: number, atMs: number): number {
  if (atMs <= deadlineMs) return 0;
  return Math.max(1, shanghaiDaysBetween(deadlineMs, atMs));
}
