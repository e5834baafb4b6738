import { shanghaiDay } from '@gongkai/report-model';
import type { Rng } from '@gongkai/report-model/testing';
import { SubmissionStatus } from '../modules/submissions';
import { DAY_MS, addDays, between, maxDate, minDate, shanghai } from './demo-time';

/** When a body's report moved through the workflow (null when it never reached a step). */
export type Timeline = {
  status: SubmissionStatus;
  returnedOnce: boolean;
  start: Date;
  /** The second (still wrong) version of a report that was returned once. */
  secondSaved: Date;
  /** The version that ends up current. */
  finalSaved: Date;
  firstSubmit: Date | null;
  returned: Date | null;
  lastSubmit: Date | null;
  approved: Date | null;
  published: Date | null;
  /** The report's own publication day. */
  publishedOn: string;
};

/** A closed round's history: filed around the deadline (some late), then approved or published. */
export function closedTimeline(rng: Rng, deadline: string): Timeline {
  const late = rng() < 0.08;
  const submitDay = late
    ? addDays(deadline, 1 + Math.floor(rng() * 30))
    : addDays(deadline, -Math.floor(rng() * 20));
  const submittedAt = shanghai(submitDay, 9 + Math.floor(rng() * 9), Math.floor(rng() * 60));
  const start = shanghai(addDays(submitDay, -5 - Math.floor(rng() * 10)), 10);
  const status = rng() < 0.7 ? SubmissionStatus.PUBLISHED : SubmissionStatus.APPROVED;
  const returnedOnce = rng() < 0.15;
  const firstSubmit = returnedOnce ? new Date(start.getTime() + 2 * 3_600_000) : submittedAt;
  const approved = new Date(submittedAt.getTime() + (1 + Math.floor(rng() * 5)) * DAY_MS);
  return {
    status,
    returnedOnce,
    start,
    secondSaved: new Date(start.getTime() + 3_600_000),
    finalSaved: new Date(submittedAt.getTime() - 600_000),
    firstSubmit,
    returned: returnedOnce ? new Date(firstSubmit.getTime() + DAY_MS) : null,
    lastSubmit: submittedAt,
    approved,
    published: status === SubmissionStatus.PUBLISHED ? new Date(approved.getTime() + DAY_MS) : null,
    publishedOn: submitDay,
  };
}

/**
 * The open round as it stands at `now`: who has not started, who drafts, who filed (on time or
 * late), who was returned, resubmitted, approved or published — the further into the round
 * (towards and past the body's deadline), the further along. Every instant lies between the
 * round's opening and `now`. `must`: `editable` (a draft before the deadline, a returned report
 * after it), `started` (never "not started"). Null: not started.
 */
export function currentTimeline(
  rng: Rng,
  at: { opened: Date; now: Date; due: Date; must: 'editable' | 'started' | null },
): Timeline | null {
  const { opened, now, due } = at;
  const past = now > due;
  const progress = past
    ? 1
    : Math.min(
        1,
        (now.getTime() - opened.getTime()) / Math.max(1, due.getTime() - opened.getTime()),
      );
  const S = SubmissionStatus;
  const weights: [SubmissionStatus | null, number][] = past
    ? [
        [null, 0.04],
        [S.DRAFT, 0.04],
        [S.SUBMITTED, 0.08],
        [S.RETURNED, 0.06],
        [S.RESUBMITTED, 0.06],
        [S.APPROVED, 0.47],
        [S.PUBLISHED, 0.25],
      ]
    : [
        [null, 0.4 - 0.3 * progress],
        [S.DRAFT, 0.25],
        [S.SUBMITTED, 0.12 + 0.05 * progress],
        [S.RETURNED, 0.06],
        [S.RESUBMITTED, 0.04],
        [S.APPROVED, 0.1 + 0.15 * progress],
        [S.PUBLISHED, 0.03 + 0.1 * progress],
      ];
  let draw = rng() * weights.reduce((n, [, w]) => n + w, 0);
  let status: SubmissionStatus | null = null;
  for (const [s, w] of weights) {
    status = s;
    draw -= w;
    if (draw < 0) break;
  }
  if (at.must === 'editable') status = past ? S.RETURNED : S.DRAFT;
  if (status === null && at.must === 'started') status = S.DRAFT;
  if (status === null) return null;
  if (status === S.DRAFT) {
    const start = between(opened, now, rng());
    return {
      status,
      returnedOnce: false,
      start,
      secondSaved: start,
      finalSaved: start,
      firstSubmit: null,
      returned: null,
      lastSubmit: null,
      approved: null,
      published: null,
      publishedOn: shanghaiDay(start),
    };
  }
  const returnedOnce =
    status === S.RETURNED || status === S.RESUBMITTED || (status !== S.SUBMITTED && rng() < 0.15);
  const late = past && rng() < 0.15;
  const firstSubmit = late
    ? between(due, minDate(now, new Date(due.getTime() + 30 * DAY_MS)), rng())
    : past
      ? between(maxDate(opened, new Date(due.getTime() - 20 * DAY_MS)), due, rng())
      : between(opened, now, rng());
  const start = between(
    maxDate(opened, new Date(firstSubmit.getTime() - 15 * DAY_MS)),
    firstSubmit,
    rng() * 0.8,
  );
  // the steps after the first submission, in order, within a month of it and before now
  const steps = [
    returnedOnce,
    returnedOnce && status !== S.RETURNED,
    status === S.APPROVED || status === S.PUBLISHED,
    status === S.PUBLISHED,
  ];
  const end = minDate(now, new Date(firstSubmit.getTime() + 30 * DAY_MS));
  const points = steps
    .filter(Boolean)
    .map(() => rng())
    .sort((a, b) => a - b)
    .map((u) => between(firstSubmit, end, u));
  const take = (wanted: boolean) => (wanted ? (points.shift() ?? end) : null);
  const returned = take(steps[0]!);
  const resubmitted = take(steps[1]!);
  const approved = take(steps[2]!);
  const published = take(steps[3]!);
  const lastSubmit = resubmitted ?? firstSubmit;
  return {
    status,
    returnedOnce,
    start,
    secondSaved: between(start, firstSubmit, 0.5),
    finalSaved:
      status === S.RETURNED && returned
        ? between(returned, now, 0.5)
        : returned
          ? between(returned, lastSubmit, 0.9)
          : between(start, firstSubmit, 0.9),
    firstSubmit,
    returned,
    lastSubmit,
    approved,
    published,
    publishedOn: shanghaiDay(lastSubmit),
  };
}
