import { DEFAULT_MODEL } from '../model/default.model';
import { AS_OF, aFinding, aScoringInput } from '../testing/scoring-input.factory';
import { explain as sut, rowContributionPoints } from './explain';
import { scoreAll } from './score-board';

describe(sut.name, () => {
  const input = aScoringInput({
    submission: { status: 'submitted', firstSubmittedAt: '2024-02-05T10:00:00+08:00' },
    findings: [
      aFinding({ rule: 'text.matchesTable', expected: 275, actual: 258 }),
      aFinding({ rule: 'originality.previousYear', actual: 0.93 }),
    ],
  });
  const board = scoreAll([input], DEFAULT_MODEL, { asOf: AS_OF });

  it('returns one contribution per model indicator with raw value, normalised score and points', () => {
    const explanation = sut(board, 'org-001');
    expect(explanation?.modelVersion).toBe('1.0.0');
    const byId = new Map(explanation?.contributions.map((c) => [c.indicatorId, c]));
    expect(byId.get('timeliness')).toEqual(
      expect.objectContaining({
        status: 'value',
        raw: 5,
        normalised: 0.6,
        weight: 20,
        labelZh: '按时报送',
      }),
    );
    expect(byId.get('originality')).toEqual(
      expect.objectContaining({ raw: 0.93, normalised: 0, points: 0 }),
    );
    expect(byId.get('improvement')).toEqual(
      expect.objectContaining({
        status: 'notApplicable',
        raw: null,
        normalised: null,
        points: 0,
        maxPoints: 0,
      }),
    );
  });

  it('returns points adding up to the score and maximum points adding up to 100', () => {
    const explanation = sut(board, 'org-001');
    const cents = (values: number[]) => values.reduce((sum, v) => sum + Math.round(v * 100), 0);
    expect(cents(explanation?.contributions.map((c) => c.points) ?? [])).toBe(
      Math.round((explanation?.score ?? -1) * 100),
    );
    expect(cents(explanation?.contributions.map((c) => c.maxPoints) ?? [])).toBe(10_000);
    // 98 applicable weight: timeliness 20/98 × 0.6, text 10/98 × 0.6, originality 0, rest full.
    expect(explanation?.score).toBe(
      Math.round(((100 * (98 - 20 * 0.4 - 10 * 0.4 - 15)) / 98) * 100) / 100,
    );
  });

  it('returns null for an organization that is not on the board', () => {
    expect(sut(board, 'nobody')).toBeNull();
  });
});

describe(rowContributionPoints.name, () => {
  it('returns the points of the explanation, null where an indicator does not apply', () => {
    const inputs = [
      aScoringInput(),
      aScoringInput({
        organizationId: 'org-002',
        submission: { status: 'submitted', firstSubmittedAt: '2024-02-05T10:00:00+08:00' },
        findings: [aFinding({ rule: 'text.matchesTable', expected: 275, actual: 258 })],
      }),
      aScoringInput({ organizationId: 'org-003', submission: null, report: null }),
    ];
    const board = scoreAll(inputs, DEFAULT_MODEL, { asOf: AS_OF });
    inputs.forEach((input, row) => {
      const explanation = sut(board, input.organizationId);
      expect(rowContributionPoints(board, row)).toEqual(
        explanation?.contributions.map((c) => (c.status === 'notApplicable' ? null : c.points)),
      );
    });
  });
});
