/**
 * The one Asia/Shanghai time module: calendar days, day boundaries and how instants are written
 * for people. China has observed no daylight saving since 1991, so Asia/Shanghai is a fixed
 * UTC+08:00 for every year this system handles.
 *
 * Convention: a deadline is an Asia/Shanghai calendar day (`YYYY-MM-DD`) and the whole day counts.
 * As an instant it is the day's last millisecond, `shanghaiEndOfDay('2024-01-31')` =
 * `2024-01-31T23:59:59.999+08:00`; an instant `at` is on time when `at <= shanghaiEndOfDay(day)`,
 * which is the same as `shanghaiDay(at) <= day`. The first instant after the deadline is
 * `shanghaiDayStart(day) + DAY_MS`, i.e. the end plus one millisecond.
 */

/** The IANA name of the zone, for `Intl.DateTimeFormat` and schedulers. */
export const SHANGHAI_TIME_ZONE = 'Asia/Shanghai';
/** UTC+08:00 in milliseconds. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
/** One calendar day in milliseconds (no leap seconds, no daylight saving). */
export const DAY_MS = 86_400_000;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a string is a real calendar date (`YYYY-MM-DD`). */
export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function epochMs(value: string | Date | number): number {
  const ms =
    typeof value === 'number'
      ? value
      : typeof value === 'string'
        ? Date.parse(value)
        : value.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`not a date or instant: "${String(value)}"`);
  return ms;
}

/** The Asia/Shanghai calendar day of an instant as a day number (days since 1970-01-01). */
export function shanghaiDayNumber(epochMsValue: number): number {
  return Math.floor((epochMsValue + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/**
 * The Asia/Shanghai calendar day (`YYYY-MM-DD`) of an instant (a `Date`, epoch milliseconds or an
 * ISO string): `2024-01-31T17:00:00Z` is already 1 February in Shanghai. A plain date is taken as
 * it is.
 */
export function shanghaiDay(value: string | Date | number): string {
  if (typeof value === 'string' && ISO_DAY.test(value)) return value;
  return new Date(shanghaiDayNumber(epochMs(value)) * DAY_MS).toISOString().slice(0, 10);
}

/** The Asia/Shanghai calendar year of an instant: 2024-12-31T16:00Z is already 2025. */
export function shanghaiYear(value: string | Date | number): number {
  return Number(shanghaiDay(value).slice(0, 4));
}

/** Asia/Shanghai calendar days from `fromMs` to `toMs` (negative when `toMs` is earlier). */
export function shanghaiDaysBetween(fromMs: number, toMs: number): number {
  return shanghaiDayNumber(toMs) - shanghaiDayNumber(fromMs);
}

function checkedDay(day: string): string {
  if (!isIsoDay(day)) throw new RangeError(`not a date (YYYY-MM-DD): "${day}"`);
  return day;
}

/** A calendar day (`YYYY-MM-DD`) as a day number (days since 1970-01-01). */
export function calendarDayNumber(day: string): number {
  return Date.parse(`${checkedDay(day)}T00:00:00Z`) / DAY_MS;
}

/** The calendar day `days` after `day` (before it when negative). */
export function addCalendarDays(day: string, days: number): string {
  return new Date((calendarDayNumber(day) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (both `YYYY-MM-DD`; negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return calendarDayNumber(to) - calendarDayNumber(from);
}

/** The instant of an Asia/Shanghai wall-clock time (hour, minute) on a calendar day. */
export function shanghaiInstant(day: string, hour = 0, minute = 0): Date {
  const valid = (n: number, max: number) => Number.isInteger(n) && n >= 0 && n <= max;
  if (!valid(hour, 23) || !valid(minute, 59)) {
    throw new RangeError(`not a time of day: ${hour}:${minute}`);
  }
  return new Date(shanghaiDayStart(day).getTime() + (hour * 60 + minute) * 60_000);
}

/** The first instant (00:00:00.000) of an Asia/Shanghai calendar day. */
export function shanghaiDayStart(day: string): Date {
  return new Date(`${checkedDay(day)}T00:00:00.000+08:00`);
}

/** The last millisecond of an Asia/Shanghai calendar day, as an ISO instant: a deadline's end. */
export function shanghaiEndOfDay(day: string): string {
  return `${checkedDay(day)}T23:59:59.999+08:00`;
}

/** An instant as ISO-8601 in Asia/Shanghai time, e.g. `2024-01-31T23:59:59.999+08:00`. */
export function toShanghaiIso(epochMsValue: number): string {
  return `${new Date(epochMsValue + SHANGHAI_OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
}

/**
 * The Asia/Shanghai wall-clock time of an instant as a Date whose UTC fields carry it: a
 * spreadsheet has no time zones, so a cell shows exactly what was written.
 */
export function shanghaiWallClock(value: string | Date): Date {
  return new Date(epochMs(value) + SHANGHAI_OFFSET_MS);
}

/**
 * `YYYY-MM-DD HH:mm` in Asia/Shanghai, the same in every locale and time zone: how every instant
 * is written for people to read. An unreadable value is `—`.
 */
export function formatShanghaiMinute(value: string | Date): string {
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (!Number.isFinite(ms)) return '—';
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
