import fc from 'fast-check';
import type { ScoringInput } from '../scoring-input.types';
import { findingsArbitrary } from '../testing/finding.arbitrary';
import {
  AS_OF,
  aPost,
  aReport,
  aRoster,
  aScoringInput,
  withCell,
} from '../testing/scoring-input.factory';
import { flagAll, flagOrdinals, reportFlags, timedFlags } from './flag-all';
import type { Flag } from './flag.types';
import { peerBandFlags } from './outlier.flags';

/** flagAll's lists rebuilt from the parts, ordered by `flagOrdinals`. */
function fromParts(inputs: readonly ScoringInput[], asOf: string): Map<string, Flag[]> {
  const peer = peerBandFlags(inputs);
  const out = new Map<string, Flag[]>();
  for (const input of inputs) {
    const parts = [
      timedFlags(input, { asOf }),
      reportFlags(input),
      peer.filter((flag) => flag.organizationId === input.organizationId),
    ];
    const ordered = parts
      .flatMap((part) => {
        const ordinals = flagOrdinals(part);
        return part.map((flag, i) => ({ flag, ordinal: ordinals[i] as number }));
      })
      .sort((a, b) => a.ordinal - b.ordinal)
      .map((entry) => entry.flag);
    out.set(input.organizationId, ordered);
  }
  return out;
}

const inputArbitrary = (i: number): fc.Arbitrary<ScoringInput> =>
  fc
    .record({
      submitted: fc.constantFrom(null, '2024-01-20T10:00:00+08:00', '2024-02-03T18:00:00+08:00'),
      status: fc.constantFrom('draft', 'submitted', 'returned', 'approved') as fc.Arbitrary<
        'draft' | 'submitted' | 'returned' | 'approved'
      >,
      hasReport: fc.boolean(),
      total: fc.integer({ min: 0, max: 5000 }),
      previousTotal: fc.option(fc.integer({ min: 0, max: 5000 })),
      dedicated: fc.option(fc.integer({ min: 0, max: 3 })),
      findings: findingsArbitrary,
      roster: fc.option(
        fc.record({
          fullTimeStaff: fc.integer({ min: 0, max: 3 }),
          holders: fc.integer({ min: 0, max: 2 }),
        }),
      ),
    })
    .map((r) => {
      const report = r.hasReport
        ? withCell(
            aReport({
              staffing: { leadingGroup: true, dedicatedStaff: r.dedicated, partTimeStaff: 1 },
            }),
            'applications.newReceived.total',
            r.total,
          )
        : null;
      return aScoringInput({
        organizationId: `o${i}`,
        submission: {
          status: r.submitted === null ? 'draft' : r.status,
          firstSubmittedAt: r.submitted,
          returnedAt: r.status === 'returned' ? '2024-02-05T09:00:00+08:00' : null,
        },
        report,
        findings: report ? r.findings : [],
        previous: {
          report:
            report && r.previousTotal !== null
              ? withCell(aReport(), 'applications.newReceived.total', r.previousTotal)
              : null,
        },
        roster: r.roster
          ? aRoster({
              fullTimeStaff: r.roster.fullTimeStaff,
              posts: [aPost({ holders: r.roster.holders, fullTimeHolders: 0 })],
            })
          : null,
      });
    });

describe(flagOrdinals.name, () => {
  it('returns, from the parts, every organization’s flags in flagAll’s order', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 14 })
          .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => inputArbitrary(i)))),
        (inputs) => {
          expect(fromParts(inputs, AS_OF)).toEqual(flagAll(inputs, { asOf: AS_OF }));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('returns ordinals that put submission, content, staffing, year-on-year flags in turn', () => {
    const input = aScoringInput({
      submission: { status: 'submitted', firstSubmittedAt: '2024-02-02T09:00:00+08:00' },
      report: aReport({
        staffing: { dedicatedStaff: 0, partTimeStaff: 1, trainings: 1, leadingGroup: true },
      }),
      previous: { report: withCell(aReport(), 'applications.newReceived.total', 1000) },
    });
    const timed = timedFlags(input, { asOf: AS_OF });
    const content = reportFlags(input);
    expect(timed.map((f) => f.id)).toEqual(['timeliness.late', 'staffing.noDedicatedStaff']);
    expect(content.map((f) => f.id)).toEqual(['originality.unchanged', 'outlier.yearOnYear']);
    expect(flagOrdinals(timed)).toEqual([0, 2001]);
    expect(flagOrdinals(content)).toEqual([1000, 3001]);
  });
});
