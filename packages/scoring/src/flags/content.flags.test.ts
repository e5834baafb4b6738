import {
  aFinding,
  aReport,
  aScoringInput,
  AS_OF,
  withCell,
} from '../testing/scoring-input.factory';
import { contentFlags as sut, equalIgnoringWhitespace, identicalTables } from './content.flags';

const options = { asOf: AS_OF };

describe(sut.name, () => {
  it('returns no flag for a clean report that differs from last year', () => {
    const previous = withCell(
      aReport({ sections: { ...aReport().sections, overview: '2022年概况。' } }),
      'applications.newReceived.total',
      15,
    );
    expect(sut(aScoringInput({ previous: { report: previous } }), options)).toEqual([]);
  });

  it('returns unchanged when the prose is identical to last year’s', () => {
    const previous = withCell(aReport(), 'applications.newReceived.total', 15);
    const [flag] = sut(aScoringInput({ previous: { report: previous } }), options);
    expect(flag).toEqual(
      expect.objectContaining({
        id: 'originality.unchanged',
        evidence: expect.objectContaining({ reasons: ['identicalProse'] }),
      }),
    );
  });

  it('returns unchanged when only the tables are identical (whitespace in prose ignored)', () => {
    const previous = aReport({ sections: { ...aReport().sections, problems: '今年无问题。' } });
    const flags = sut(aScoringInput({ previous: { report: previous } }), options);
    expect(flags.map((f) => f.evidence.reasons)).toEqual([['identicalTables']]);
  });

  it.each([
    [0.9, true],
    [0.95, true],
    [0.89, false],
  ])('returns unchanged for a previous-year similarity of %p: %p', (actual, fires) => {
    const input = aScoringInput({
      findings: [aFinding({ rule: 'originality.previousYear', actual })],
    });
    expect(sut(input, options).some((f) => f.id === 'originality.unchanged')).toBe(fires);
  });

  it('returns no unchanged flag for a peer similarity, however high', () => {
    const input = aScoringInput({
      findings: [aFinding({ rule: 'originality.peer', actual: 0.99 })],
    });
    expect(sut(input, options)).toEqual([]);
  });

  it('returns open errors with their count and rules', () => {
    const input = aScoringInput({
      findings: [
        aFinding({ rule: 'applications.balance', severity: 'error' }),
        aFinding({ rule: 'applications.balance', severity: 'error' }),
        aFinding({ rule: 'completeness.sections', severity: 'error' }),
        aFinding({ rule: 'text.matchesTable', severity: 'warning' }),
      ],
    });
    expect(sut(input, options)).toEqual([
      expect.objectContaining({
        id: 'findings.openErrors',
        severity: 'error',
        evidence: { count: 3, rules: ['applications.balance', 'completeness.sections'] },
      }),
    ]);
  });

  it('returns blank cells with the cells named', () => {
    const input = aScoringInput({
      findings: [
        aFinding({
          rule: 'completeness.blankCells',
          cells: ['applications.granted.natural', 'applications.total.legal'],
        }),
      ],
    });
    expect(sut(input, options)).toEqual([
      expect.objectContaining({
        id: 'completeness.blankCells',
        evidence: { count: 2, cells: ['applications.granted.natural', 'applications.total.legal'] },
      }),
    ]);
  });
});

describe(equalIgnoringWhitespace.name, () => {
  it.each([
    ['本年度 共收到\n申请20件', '本年度共收到申请20件', true],
    ['　全年主动公开 ', '全年主动公开', true],
    ['申请20件', '申请21件', false],
    ['申请20件', '申请20件。', false],
    ['', '   ', true],
  ])('returns whether %p and %p differ only in whitespace', (a, b, expected) => {
    expect(equalIgnoringWhitespace(a, b)).toBe(expected);
  });
});

describe(identicalTables.name, () => {
  it('returns false for tables differing in one cell or without any number', () => {
    expect(identicalTables(aReport(), aReport())).toBe(true);
    expect(identicalTables(aReport(), withCell(aReport(), 'applications.total.legal', 1))).toBe(
      false,
    );
    expect(identicalTables(aReport({ tables: {} }), aReport({ tables: {} }))).toBe(false);
  });
});
