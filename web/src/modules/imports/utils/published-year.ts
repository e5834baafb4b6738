/**
 * The latest statistics year whose reports are published on a day (YYYY-MM-DD, Asia/Shanghai):
 * the reports of a year are due by 31 January of the next, so from February the last
 * year's are out; in January the year before's are the latest complete set.
 */
export function publishedYear(today: string): number {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month >= 2 ? year - 1 : year - 2;
}
