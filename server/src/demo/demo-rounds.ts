import { statutoryDeadline } from '@gongkai/report-model';
import type { OrganizationRow } from '../modules/organizations';
import { type RoundRow, RoundStatus, roundWrites } from '../modules/rounds';
import { DEFAULT_POSTS, requiredPostWrites } from '../modules/staffing';
import type { DemoCalendar } from './demo-calendar';
import type { DemoHistory } from './demo-history';
import { minDate, shanghai } from './demo-time';

/**
 * The rounds of the city: six closed ones and the one being collected (see demo-calendar.ts),
 * each created through the rounds' command by the city reviewer on 1 December of its year (the
 * open one no later than the load instant), with the year's template and the default set of
 * required disclosure posts.
 */
export async function seedDemoRounds(
  history: DemoHistory,
  calendar: DemoCalendar,
  city: OrganizationRow,
  reviewerId: string,
): Promise<RoundRow[]> {
  const rounds: RoundRow[] = [];
  for (const year of calendar.years) {
    const current = year === calendar.currentYear;
    const opened = shanghai(`${year}-12-01`, 9);
    const context = history.context(reviewerId, current ? minDate(opened, calendar.now) : opened);
    const round = await roundWrites.create(context, null, city, {
      year,
      scopeOrganizationId: city.id,
      status: current ? RoundStatus.OPEN : RoundStatus.CLOSED,
      departmentDeadline:
        year >= 2022 ? `${year + 1}-01-26` : statutoryDeadline(year, 'department'),
      governmentDeadline: statutoryDeadline(year, 'government'),
      isDemo: true,
    });
    // the disclosure posts the round requires: the default set, configured when it opens
    await requiredPostWrites.set(context, round, city, DEFAULT_POSTS);
    rounds.push(round);
  }
  return rounds;
}
