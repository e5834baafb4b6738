/** Date arithmetic of the demo dataset on instants; days go through the report model's time module. */

export {
  addCalendarDays as addDays,
  DAY_MS,
  shanghaiInstant as shanghai,
} from '@gongkai/report-model';

export function minDate(a: Date, b: Date): Date {
  return a <= b ? a : b;
}

export function maxDate(a: Date, b: Date): Date {
  return a >= b ? a : b;
}

/** The instant a fraction `u` of the way from `a` to `b`. */
export function between(a: Date, b: Date, u: number): Date {
  return new Date(a.getTime() + Math.max(0, b.getTime() - a.getTime()) * u);
}
