import { shanghaiDay, shanghaiDayStart } from '@gongkai/report-model';
/**
 * When the demo dataset "is": every date in it is placed relative to the day it is loaded
 * (Asia/Shanghai), so that on any day the demo has a round being collected, closed rounds behind
 * it and nothing in the future.
 *
 * The round being collected is the one for statistics year Y, opened by the demo city office on
 * **1 December of Y** (the switch date) and kept open through the next year — past the
 * departments' deadline (26 January of Y+1 for the demo, the statute's 31 January) and the
 * governments' (31 March of Y+1), with late and missing bodies and returns in progress — until
 * the next round opens on 1 December of Y+1. So on 2026-12-06 the current round is 2026 and on
 * 2027-02-15 or 2027-07-01 it is still 2026; on 2027-12-01 it becomes 2027.
 */

/** A source of the current instant; injectable so that tests can load the demo "on" any day. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** The demo keeps this many closed rounds before the current one. */
export const DEMO_CLOSED_ROUNDS = 6;

/** Month and day (Asia/Shanghai) on which the demo opens the round of the running year. */
export const DEMO_ROUND_OPENS = '12-01';

export type DemoCalendar = {
  /** The load instant. */
  now: Date;
  /** The load day in Asia/Shanghai (`YYYY-MM-DD`). */
  today: string;
  /** Statistics year of the open round. */
  currentYear: number;
  /** Statistics year of the oldest closed round. */
  firstYear: number;
  /** Statistics years of every demo round, oldest first (the last one is open). */
  years: readonly number[];
  /** The instant the current round was opened (00:00 of its opening day, Asia/Shanghai). */
  opened: Date;
};

export function demoCalendar(now: Date): DemoCalendar {
  if (Number.isNaN(now.getTime())) throw new Error('the demo clock returned an invalid date');
  const today = shanghaiDay(now);
  const year = Number(today.slice(0, 4));
  const currentYear = today.slice(5) >= DEMO_ROUND_OPENS ? year : year - 1;
  const firstYear = currentYear - DEMO_CLOSED_ROUNDS;
  const years = Array.from({ length: DEMO_CLOSED_ROUNDS + 1 }, (_, i) => firstYear + i);
  return {
    now,
    today,
    currentYear,
    firstYear,
    years,
    opened: shanghaiDayStart(`${currentYear}-${DEMO_ROUND_OPENS}`),
  };
}
