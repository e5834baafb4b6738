import { daysLate, shanghaiDaysBetween, toEpochMsOrNull, toShanghaiIso } from '../instant';
import type { ScoringInput } from '../scoring-input.types';
import type { FlagOptions } from './flag-options';
import type { Flag } from './flag.types';
import { makeFlag } from './make-flag';

/** Not submitted after the deadline; late; returned and not resubmitted in time. */
export function submissionFlags(input: ScoringInput, asOfMs: number, options: FlagOptions): Flag[] {
  const flags: Flag[] = [];
  const id = input.organizationId;
  const deadlineMs = toEpochMsOrNull(input.deadline);
  const submittedMs = toEpochMsOrNull(input.submission?.firstSubmittedAt);
  if (deadlineMs !== null && submittedMs === null && asOfMs > deadlineMs) {
    const overdue = daysLate(deadlineMs, asOfMs);
    flags.push(
      makeFlag(
        'timeliness.notSubmitted',
        id,
        `截止时间已过${overdue}天，仍未报送年度报告`,
        `not submitted ${overdue} day(s) after the deadline`,
        { deadline: toShanghaiIso(deadlineMs), asOf: toShanghaiIso(asOfMs), daysOverdue: overdue },
      ),
    );
  }
  if (deadlineMs !== null && submittedMs !== null && submittedMs > deadlineMs) {
    const late = daysLate(deadlineMs, submittedMs);
    flags.push(
      makeFlag('timeliness.late', id, `逾期${late}天报送`, `submitted ${late} day(s) late`, {
        deadline: toShanghaiIso(deadlineMs),
        submittedAt: toShanghaiIso(submittedMs),
        daysLate: late,
      }),
    );
  }
  const returnedMs = toEpochMsOrNull(input.submission?.returnedAt);
  if (input.submission?.status === 'returned' && returnedMs !== null) {
    const allowed = options.returnGraceDays ?? 7;
    const since = shanghaiDaysBetween(returnedMs, asOfMs);
    if (since > allowed) {
      flags.push(
        makeFlag(
          'timeliness.returnedNotResubmitted',
          id,
          `退回已${since}天仍未重新报送（限${allowed}天）`,
          `returned ${since} day(s) ago and not resubmitted (allowed: ${allowed})`,
          { returnedAt: toShanghaiIso(returnedMs), daysSinceReturn: since, allowedDays: allowed },
        ),
      );
    }
  }
  return flags;
}
