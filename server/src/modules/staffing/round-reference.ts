import { shanghaiDay, shanghaiEndOfDay } from '@gongkai/report-model';
import { RoundStatus } from '../rounds';

type RoundDates = { readonly status: RoundStatus; readonly departmentDeadline: string };

/**
 * The instant a round's roster is read at. An open or planned round reads the roster as it stands
 * now; a closed round reads it as it stood when its reports were due (the last millisecond of the
 * departments' deadline day, Asia/Shanghai), so later changes never rewrite a past round.
 */
export function rosterInstant(round: RoundDates, nowMs: number): number {
  if (round.status !== RoundStatus.CLOSED) return nowMs;
  return Math.min(nowMs, Date.parse(shanghaiEndOfDay(round.departmentDeadline)));
}

/** The Asia/Shanghai calendar day of an instant. */
export function rosterDay(instantMs: number): string {
  return shanghaiDay(instantMs);
}

/**
 * A roster "updated since the last round" was edited or confirmed after the previous round's
 * reports were due (the first instant after its departments' deadline day); null without one.
 */
export function updatedSinceFor(previous: RoundDates | null): number | null {
  return previous === null ? null : Date.parse(shanghaiEndOfDay(previous.departmentDeadline)) + 1;
}
