import type { ScoringInput } from '../scoring-input.types';
import { aReport, aScoringInput, withCell } from '../testing/scoring-input.factory';
import { keyTotalsOf, peerBandFlags, peerBandFlagsOf, yearOnYearFlags } from './outlier.flags';

const CELL = 'applications.newReceived.total';

function pair(current: number, previous: number): ScoringInput {
  return aScoringInput({
    report: withCell(aReport(), CELL, current),
    previous: { report: withCell(aReport(), CELL, previous) },
  });
}

describe(yearOnYearFlags.name, () => {
  const sut = (input: ScoringInput) => yearOnYearFlags(input, { keyTotals: [CELL] });

  it.each([
    [50, 10, false],
    [51, 10, true],
    [2, 10, false],
    [1, 10, true],
    [0, 40, true],
    [40, 0, true],
    [9, 0, false],
    [9, 1, false],
  ])('returns a flag for %p this year against %p last year: %p', (current, previous, fires) => {
    expect(sut(pair(current, previous)).length).toBe(fires ? 1 : 0);
  });

  it('returns the ratio as evidence, null when last year was 0', () => {
    expect(sut(pair(60, 10))[0]?.evidence).toEqual({
      cell: CELL,
      current: 60,
      previous: 10,
      ratio: 6,
    });
    expect(sut(pair(40, 0))[0]?.evidence.ratio).toBeNull();
  });

  it('returns nothing without last year’s report or for a blank cell', () => {
    expect(sut(aScoringInput())).toEqual([]);
    const blank = aScoringInput({
      report: withCell(aReport(), CELL, null),
      previous: { report: aReport() },
    });
    expect(sut(blank)).toEqual([]);
  });

  it('returns flags on the default key totals, including prose facts', () => {
    const input = aScoringInput({
      previous: { report: aReport({ facts: { proactiveItems: 20 } }) },
    });
    expect(yearOnYearFlags(input).map((f) => f.evidence.cell)).toEqual(['facts.proactiveItems']);
  });
});

describe(peerBandFlags.name, () => {
  const group = (values: readonly number[], peerGroup = 'county-department') =>
    values.map((value, i) =>
      aScoringInput({
        organizationId: `${peerGroup}-${i}`,
        peerGroup,
        report: withCell(aReport(), CELL, value),
      }),
    );
  const typical = [18, 20, 22, 25, 19, 21, 24, 23, 20];

  it('returns a flag for a value far outside a large enough peer group', () => {
    const flags = peerBandFlags(group([...typical, 2500]), { keyTotals: [CELL] });
    expect(flags).toEqual([
      expect.objectContaining({
        id: 'outlier.peerBand',
        organizationId: 'county-department-9',
        evidence: expect.objectContaining({
          cell: CELL,
          value: 2500,
          groupSize: 10,
          peerGroup: 'county-department',
        }),
      }),
    ]);
  });

  it('returns no flag below the minimum group size', () => {
    expect(peerBandFlags(group([...typical.slice(1), 2500]), { keyTotals: [CELL] })).toEqual([]);
    expect(
      peerBandFlags(group([...typical, 2500]), { keyTotals: [CELL], minGroupSize: 11 }),
    ).toEqual([]);
  });

  it('returns no flag for ordinary spread', () => {
    expect(peerBandFlags(group([...typical, 40]), { keyTotals: [CELL] })).toEqual([]);
  });

  it('returns flags per peer group, not across groups', () => {
    const inputs = [
      ...group(typical.concat(21)),
      ...group(typical.map((v) => v * 100).concat(2100), 'city-bureau'),
    ];
    expect(peerBandFlags(inputs, { keyTotals: [CELL] })).toEqual([]);
  });
});

describe(peerBandFlagsOf.name, () => {
  it('returns the flags peerBandFlags returns, from key totals read beforehand', () => {
    const inputs = [18, 20, 22, 25, 19, 21, 24, 23, 20, 2500, 0.5].map((value, i) =>
      aScoringInput({
        organizationId: `org-${i}`,
        report: withCell(aReport(), CELL, value),
      }),
    );
    const noReport = aScoringInput({ organizationId: 'none', report: null });
    const options = { keyTotals: [CELL] };
    const records = [...inputs, noReport].flatMap((input) => keyTotalsOf(input, [CELL]) ?? []);
    expect(records).toHaveLength(inputs.length);
    const flags = peerBandFlagsOf(records, options);
    expect(flags.length).toBeGreaterThan(0);
    expect(flags).toEqual(peerBandFlags([...inputs, noReport], options));
  });
});
