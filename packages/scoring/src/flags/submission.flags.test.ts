import { toEpochMs } from '../instant';
import type { ScoringInput } from '../scoring-input.types';
import { DEADLINE, aScoringInput } from '../testing/scoring-input.factory';
import { submissionFlags as sut } from './submission.flags';

function ids(input: ScoringInput, asOf: string, returnGraceDays?: number): string[] {
  return sut(input, toEpochMs(asOf), { asOf, returnGraceDays }).map((flag) => flag.id);
}

const notSubmitted = aScoringInput({
  submission: { status: 'draft', firstSubmittedAt: null },
  report: null,
});

describe(sut.name, () => {
  it.each([
    ['2024-01-31T23:59:59.999+08:00', []],
    ['2024-01-31T15:59:59.999Z', []],
    ['2024-02-01T00:00:00+08:00', ['timeliness.notSubmitted']],
    ['2024-01-31T16:00:00Z', ['timeliness.notSubmitted']],
  ])(
    'returns %p → %p for a body that never submitted (deadline end of 31 Jan, Shanghai)',
    (asOf, expected) => {
      expect(ids(notSubmitted, asOf)).toEqual(expected);
    },
  );

  it('returns the overdue days as evidence', () => {
    const [flag] = sut(notSubmitted, toEpochMs('2024-02-10T08:00:00+08:00'), {
      asOf: '2024-02-10T08:00:00+08:00',
    });
    expect(flag).toEqual(
      expect.objectContaining({
        severity: 'error',
        organizationId: 'org-001',
        evidence: expect.objectContaining({
          deadline: '2024-01-31T23:59:59.999+08:00',
          daysOverdue: 10,
        }),
      }),
    );
  });

  it('returns no flag without a deadline', () => {
    expect(ids({ ...notSubmitted, deadline: null }, '2025-01-01T00:00:00Z')).toEqual([]);
  });

  it.each([
    ['2024-01-31T23:59:59.999+08:00', null],
    ['2024-02-01T00:00:00.000+08:00', 1],
    ['2024-02-03T18:00:00+08:00', 3],
  ])('returns a late flag for a first submission at %s with %p days late', (at, days) => {
    const input = aScoringInput({ submission: { status: 'approved', firstSubmittedAt: at } });
    const flags = sut(input, toEpochMs('2024-03-01T00:00:00+08:00'), {
      asOf: '2024-03-01T00:00:00+08:00',
    });
    expect(flags.map((f) => f.evidence.daysLate ?? null)).toEqual(days === null ? [] : [days]);
  });

  describe('returned and not resubmitted', () => {
    const returned = aScoringInput({
      submission: {
        status: 'returned',
        firstSubmittedAt: '2024-01-20T10:00:00+08:00',
        returnedAt: '2024-02-01T17:30:00+08:00',
      },
    });

    it.each([
      ['2024-02-08T23:59:59+08:00', 7, []],
      ['2024-02-09T00:00:00+08:00', 7, ['timeliness.returnedNotResubmitted']],
      ['2024-02-04T00:00:00+08:00', 2, ['timeliness.returnedNotResubmitted']],
    ])('returns %p after a 1 Feb return with %p days allowed → %p', (asOf, days, expected) => {
      expect(ids(returned, asOf, days)).toEqual(expected);
    });

    it('returns no flag once resubmitted', () => {
      const resubmitted = {
        ...returned,
        submission: {
          ...returned.submission,
          status: 'resubmitted' as const,
          firstSubmittedAt: '2024-01-20T10:00:00+08:00',
        },
      };
      expect(ids(resubmitted, '2024-03-01T00:00:00+08:00')).toEqual([]);
    });
  });

  it('returns nothing for a report submitted on time', () => {
    expect(ids(aScoringInput(), DEADLINE)).toEqual([]);
  });
});
