import { isOnTime as onTimeRule, shanghaiDay } from '@gongkai/report-model';

// Deadlines are calendar days in China Standard Time (Asia/Shanghai, UTC+8, no daylight saving
// since 1991). A deadline day is inclusive: a submission at 23:59:59.999 on that day is on time.
// The reading of an instant against a deadline is the rule engine's (`timeliness.deadline`).

/** The calendar day (YYYY-MM-DD) an instant falls on in Asia/Shanghai. */
export function shanghaiDate(instant: Date): string {
  return shanghaiDay(instant);
}

/** The first instant after the deadline day ends in Asia/Shanghai. */
export function deadlineEnd(day: string): Date {
  const start = new Date(`${day}T00:00:00+08:00`);
  return new Date(start.getTime() + 86_400_000);
}

/** On time by the rule engine's own reading of `timeliness.deadline`. */
export function isOnTime(submittedAt: Date, deadline: string): boolean {
  return onTimeRule(submittedAt, deadline);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a string is a real calendar date (YYYY-MM-DD). */
export function isIsoDay(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * The Asia/Shanghai wall-clock time of an instant as a Date whose UTC fields carry it: a
 * spreadsheet has no time zones, so a cell shows exactly what was written.
 */
export function shanghaiWallClock(iso: string | Date): Date {
  const ms = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  return new Date(ms + SHANGHAI_OFFSET_MS);
}

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai: how every instant is written for people to read. */
export function formatShanghaiMinute(iso: string | Date): string {
  return shanghaiWallClock(iso).toISOString().slice(0, 16).replace('T', ' ');
}
