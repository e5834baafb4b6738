/** Date arithmetic of the demo dataset, on Shanghai calendar days (YYYY-MM-DD). */

/** An instant at a Shanghai local date and hour. */
export function shanghai(day: string, hour: number, minute = 0): Date {
  return new Date(
    `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`,
  );
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const DAY_MS = 86_400_000;

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
