/**
 * The statistics year being collected on a day (YYYY-MM-DD, Asia/Shanghai): reports of a year
 * are due by 31 March of the next, so until then it is last year's; from April, this year's
 * round is prepared (on 2026-12-06: 2026, due early 2027).
 */
export function collectingYear(today: string): number {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month <= 3 ? year - 1 : year;
}
