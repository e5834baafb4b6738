import { calendarDaysBetween, shanghaiDay } from '../time/shanghai-time';
import type { Finding } from './finding.types';

export type BodyLevel = 'department' | 'government';

/**
 * The statutory publication deadline of a report for a statistics year: since the 2019 revision
 * (reports for 2019 onwards) 31 January for departments and 31 March for governments; before,
 * 31 March for everyone. Rounds may set earlier deadlines: pass those to `evaluateDeadline`.
 */
export function statutoryDeadline(year: number, level: BodyLevel): string {
  const month = year >= 2019 && level === 'department' ? '01-31' : '03-31';
  return `${year + 1}-${month}`;
}

export type DeadlineInput = {
  /** ISO date the report was published, if known. */
  readonly publishedOn?: string | null;
  /** ISO date or instant the report was submitted to the office, if known. */
  readonly submittedAt?: string | null;
  /** ISO date of the round's deadline (inclusive: the whole day counts). */
  readonly deadline: string;
};

/** On time when the Asia/Shanghai day of `at` is not after the (inclusive) deadline day. */
export function isOnTime(at: string | Date, deadline: string): boolean {
  return shanghaiDay(at) <= shanghaiDay(deadline);
}

const day = shanghaiDay;

function daysBetween(from: string, to: string): number {
  return calendarDaysBetween(day(from), day(to));
}

/**
 * timeliness.deadline (evaluated by the server): a finding when the report was published or
 * submitted after the deadline, null otherwise (also when neither date is known: a missing report
 * is the server's concern).
 */
export function evaluateDeadline(input: DeadlineInput): Finding | null {
  const late: { field: string; date: string; zh: string; en: string }[] = [];
  if (input.publishedOn && !isOnTime(input.publishedOn, input.deadline)) {
    late.push({ field: 'publishedOn', date: day(input.publishedOn), zh: '发布', en: 'published' });
  }
  if (input.submittedAt && !isOnTime(input.submittedAt, input.deadline)) {
    late.push({ field: 'submittedAt', date: day(input.submittedAt), zh: '报送', en: 'submitted' });
  }
  const first = late[0];
  if (!first) return null;
  const days = daysBetween(input.deadline, first.date);
  return {
    rule: 'timeliness.deadline',
    severity: 'warning',
    cells: late.map((l) => l.field),
    actual: days,
    expected: 0,
    message: `${late.map((l) => `${l.date}${l.zh}`).join('，')}，晚于截止日期${day(input.deadline)}（逾期${days}天）`,
    messageEn: `${late.map((l) => `${l.en} on ${l.date}`).join(', ')}, after the deadline ${day(input.deadline)} (${days} day${days === 1 ? '' : 's'} late)`,
  };
}
