import {
  check,
  generateConsistentReport,
  withCellDelta,
  type AnnualReport,
} from '@gongkai/report-model';
import {
  DEFAULT_MODEL,
  explain,
  peerBandFlags,
  scoreAll,
  type ScoringInput,
  type ScoringModel,
} from '@gongkai/scoring';
import { slimInputs } from './slim-input';

const DEADLINE = '2024-01-31T23:59:59.999+08:00';
const AS_OF = '2024-03-15T12:00:00+08:00';

function anInput(i: number): ScoringInput {
  const previous = generateConsistentReport(i + 1, '2021', 2022);
  let report: AnnualReport = generateConsistentReport(i + 500, '2021', 2023, { previous });
  if (i % 3 === 0) report = withCellDelta(report, 'applications.total.total', 2);
  if (i % 5 === 0) report = withCellDelta(report, 'reviewLitigation.review.upheld', 1);
  if (i === 39) report = { ...report, facts: { ...report.facts, proactiveItems: 50_000_000 } };
  const submitted = i % 7 !== 0;
  return {
    organizationId: `org-${i}`,
    peerGroup: i % 2 === 0 ? 'county-department' : 'township',
    regionPath: ['province', i % 4 === 0 ? 'city-a' : 'city-b', `org-${i}`],
    deadline: DEADLINE,
    submission: submitted
      ? {
          status: i % 6 === 0 ? 'returned' : 'approved',
          firstSubmittedAt: `2024-01-${String(10 + (i % 20)).padStart(2, '0')}T09:00:00+08:00`,
          returnedAt: i % 6 === 0 ? '2024-02-20T09:00:00+08:00' : null,
        }
      : null,
    report: submitted ? report : null,
    findings: submitted ? check(report, { previous }).findings : [],
    previous: {
      rank: i % 4 === 0 ? null : i + 1,
      score: i % 4 === 0 ? null : 80 - i,
      findingCounts: { error: i % 3, warning: 1 },
      report: previous,
    },
    roster: null,
  };
}

const inputs = Array.from({ length: 40 }, (_, i) => anInput(i));

const PEER_RELATIVE: ScoringModel = {
  ...DEFAULT_MODEL,
  id: 'peer-relative',
  indicators: DEFAULT_MODEL.indicators.map((entry, j) => ({
    ...entry,
    normalisation: j % 2 === 0 ? { kind: 'percentile' } : { kind: 'minMax' },
  })),
};

describe(slimInputs.name, () => {
  it.each([DEFAULT_MODEL, PEER_RELATIVE])(
    'scores slim inputs exactly as the full inputs ($id)',
    (model) => {
      const sut = slimInputs(inputs, model, AS_OF);
      const full = scoreAll(inputs, model, { asOf: AS_OF });
      const slim = scoreAll(sut, model, { asOf: AS_OF });
      expect(slim.rows).toEqual(full.rows);
      expect(Array.from(slim.raw)).toEqual(Array.from(full.raw));
      expect(Array.from(slim.normalised)).toEqual(Array.from(full.normalised));
      expect(explain(slim, 'org-3')).toEqual(explain(full, 'org-3'));
      expect(full.rows.some((row) => row.score !== null && row.score < 100)).toBe(true);
    },
  );

  it('raises the same peer-band flags on slim inputs', () => {
    const sut = slimInputs(inputs, DEFAULT_MODEL, AS_OF);
    const options = { minGroupSize: 3 };
    const expected = peerBandFlags(inputs, options);
    expect(expected.map((flag) => flag.organizationId)).toContain('org-39');
    expect(peerBandFlags(sut, options)).toEqual(expected);
  });

  it('drops what scoring does not read (prose, last year’s report)', () => {
    const [sut] = slimInputs([inputs[1] as ScoringInput], DEFAULT_MODEL, AS_OF);
    expect(sut?.report?.sections).toBeUndefined();
    expect(sut?.previous?.report).toBeUndefined();
    expect(JSON.stringify(sut).length).toBeLessThan(JSON.stringify(inputs[1]).length / 3);
  });

  it('keeps a missing report missing', () => {
    const [sut] = slimInputs([inputs[0] as ScoringInput], DEFAULT_MODEL, AS_OF);
    expect(sut?.report).toBeNull();
    expect(sut?.submission).toBeNull();
  });
});
