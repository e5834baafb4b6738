/**
 * Instants and Asia/Shanghai calendar days.
 *
 * Convention: every deadline and timestamp is an **instant** (a point in time), never a bare
 * date. A deadline "by 31 January" is the instant `2024-01-31T23:59:59.999+08:00`
 * (`shanghaiEndOfDay('2024-01-31')`); a submission is on time when `submittedAt <= deadline`.
 * Day counts (days late, days vacant, days since a return) are differences of Asia/Shanghai
 * calendar days. China has observed no daylight saving time since 1991, so Asia/Shanghai is a
 * fixed UTC+08:00 offset for every year this system handles.
 */

/** An ISO-8601 string with an explicit offset or `Z`, epoch milliseconds, or a `Date`. */
export type Instant = string | number | Date;

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const OFFSET_PATTERN = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

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

/** The Asia/Shanghai calendar day of an instant, as a day number (days since 1970-01-01). */
export function shanghaiDayNumber(epochMs: number): number {
  return Math.floor((epochMs + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** Asia/Shanghai calendar days from `fromMs` to `toMs` (negative when `toMs` is earlier). */
export function shanghaiDaysBetween(fromMs: number, toMs: number): number {
  return shanghaiDayNumber(toMs) - shanghaiDayNumber(fromMs);
}

/** Days late of `atMs` against `deadlineMs`: 0 when on time, otherwise at least 1. */
export function daysLate(deadlineMs: number, atMs: number): number {
  if (atMs <= deadlineMs) return 0;
  return Math.max(1, shanghaiDaysBetween(deadlineMs, atMs));
}

/** The last millisecond of an Asia/Shanghai calendar date (`YYYY-MM-DD`), as an ISO instant. */
export function shanghaiEndOfDay(date: string): string {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`not a date (YYYY-MM-DD): "${date}"`);
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const check = new Date(utc);
  if (check.getUTCDate() !== Number(match[3])) throw new RangeError(`not a date: "${date}"`);
  return `${date}T23:59:59.999+08:00`;
}

/** The Asia/Shanghai calendar date (`YYYY-MM-DD`) of an instant. */
export function shanghaiDate(epochMs: number): string {
  return new Date(shanghaiDayNumber(epochMs) * DAY_MS).toISOString().slice(0, 10);
}

/** An instant as ISO-8601 in Asia/Shanghai time, e.g. `2024-01-31T23:59:59.999+08:00`. */
export function toShanghaiIso(epochMs: number): string {
  return `${new Date(epochMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
}
