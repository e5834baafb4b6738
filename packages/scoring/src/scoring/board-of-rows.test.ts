import { DEFAULT_MODEL } from '../model/default.model';
import { ModelValidationError } from '../model/scoring-model.types';
import {
  AS_OF,
  DEADLINE,
  aFinding,
  aRoster,
  aScoringInput,
} from '../testing/scoring-input.factory';
import { boardOfRows as sut, measuredRowOf } from './board-of-rows';
import { explain, rowContributionPoints } from './explain';
import { scoreAll } from './score-board';

describe(sut.name, () => {
  const inputs = [
    aScoringInput({
      organizationId: 'late',
      submission: { status: 'submitted', firstSubmittedAt: '2024-02-20T09:00:00+08:00' },
    }),
    aScoringInput({
      organizationId: 'sloppy',
      findings: [aFinding({ rule: 'applications.balance', severity: 'error' })],
    }),
    aScoringInput({ organizationId: 'absent', submission: null, report: null }),
    aScoringInput({ organizationId: 'fine', peerGroup: 'city-department' }),
  ];
  const open = scoreAll(
    [
      ...inputs,
      aScoringInput({
        organizationId: 'rostered',
        submission: null,
        report: null,
        roster: aRoster(),
      }),
    ],
    DEFAULT_MODEL,
    { asOf: DEADLINE },
  );
  const board = scoreAll(inputs, DEFAULT_MODEL, { asOf: AS_OF });

  it('gives each row, alone, the score, points and explanation of the board it came from', () => {
    board.rows.forEach((row, i) => {
      const one = sut(DEFAULT_MODEL, [measuredRowOf(board, i)], { asOf: AS_OF });
      expect(one.rows[0]?.score).toBe(row.score);
      expect(rowContributionPoints(one, 0)).toEqual(rowContributionPoints(board, i));
      expect(explain(one, row.organizationId)).toEqual(explain(board, row.organizationId));
    });
    expect(board.rows.map((row) => row.score)).toContain(0);
  });

  it('keeps why a body awaiting its report is unranked, and refuses one with a measured indicator', () => {
    open.rows.forEach((row, i) => {
      const one = sut(DEFAULT_MODEL, [measuredRowOf(open, i)], { asOf: DEADLINE });
      expect(explain(one, row.organizationId)).toEqual(explain(open, row.organizationId));
    });
    const awaiting = open.rows.filter((row) => row.awaitingReport).map((r) => r.organizationId);
    expect(awaiting).toEqual(['absent', 'rostered']);
    expect(explain(open, 'rostered')?.unranked).toBe('awaitingReport');
    const row = measuredRowOf(open, open.rowIndex.get('fine') as number);
    expect(() =>
      sut(DEFAULT_MODEL, [{ ...row, awaitingReport: true }], { asOf: DEADLINE }),
    ).toThrow(/awaits its report/);
  });

  it('keeps raw values only where there is a value and normalised 0 where one is missing', () => {
    const absent = measuredRowOf(board, board.rowIndex.get('absent') as number);
    const rebuilt = sut(
      DEFAULT_MODEL,
      [{ ...absent, raw: absent.raw.map(() => 99), normalised: absent.normalised.map(() => 0.5) }],
      { asOf: AS_OF },
    );
    expect(explain(rebuilt, 'absent')).toEqual(explain(board, 'absent'));
  });

  it('refuses rows whose measurements do not match the model, and invalid models', () => {
    const row = measuredRowOf(board, 0);
    expect(() =>
      sut(DEFAULT_MODEL, [{ ...row, status: row.status.slice(1) }], { asOf: AS_OF }),
    ).toThrow(RangeError);
    expect(() => sut(DEFAULT_MODEL, [row, row], { asOf: AS_OF })).toThrow(/twice/);
    expect(() => sut({ ...DEFAULT_MODEL, indicators: [] }, [], { asOf: AS_OF })).toThrow(
      ModelValidationError,
    );
  });
});
