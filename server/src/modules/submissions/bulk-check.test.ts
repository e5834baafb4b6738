import { bulkReport, checkItem } from '../../../test/support/bulk-items';
import { BulkChecker } from './bulk-check';

const report = bulkReport;

const item = checkItem;

type Stored = { rule: string; data?: { peerOrganizationId: string; peerVersionId: string } };
const peersOf = (findings: string) =>
  (JSON.parse(findings) as Stored[])
    .filter((f) => f.rule === 'originality.peer')
    .map((f) => f.data?.peerOrganizationId);

describe(BulkChecker.name, () => {
  it('checks each filing against the loaded corpus and the filings before it, in order', () => {
    const sut = new BulkChecker(2024);
    const original = report(1, '甲局');
    sut.load([
      { organizationId: 'a', versionId: 'va', sections: JSON.stringify(original.sections) },
    ]);
    const first = sut.check({
      year: 2024,
      check: true,
      items: [item(0, 'b', report(1, '乙局')), item(1, 'c', report(2, '丙局'))],
    });
    expect(first.problems).toEqual([]);
    expect(first.checked).toHaveLength(2);
    // b copies a's prose; c is its own
    expect(peersOf(first.checked[0]!.findings)).toEqual(['a']);
    const finding = (JSON.parse(first.checked[0]!.findings) as Stored[]).find(
      (f) => f.rule === 'originality.peer',
    );
    expect(finding?.data?.peerVersionId).toBe('va');
    expect(peersOf(first.checked[1]!.findings)).toEqual([]);
    expect(JSON.parse(first.checked[0]!.report)).toEqual(report(1, '乙局'));

    // a no longer counts: a later copy is compared with b, checked before it
    sut.remove(['a']);
    const second = sut.check({ year: 2024, check: true, items: [item(2, 'd', report(1, '丁局'))] });
    expect(peersOf(second.checked[0]!.findings)).toEqual(['b']);
    const peer = (JSON.parse(second.checked[0]!.findings) as Stored[]).find(
      (f) => f.rule === 'originality.peer',
    );
    expect(peer?.data?.peerVersionId).toBe(first.checked[0]!.versionId);
  });

  it('names every invalid report of the batch and checks none of it', () => {
    const sut = new BulkChecker(2024);
    const outcome = sut.check({
      year: 2024,
      check: true,
      items: [
        item(5, 'a', report(1, '甲局')),
        item(6, 'b', { year: 'soon' }),
        item(7, 'c', report(2, '丙局', 2023)),
      ],
    });
    expect(outcome.checked).toEqual([]);
    expect(outcome.problems.map((p) => p.index)).toContain(6);
    expect(outcome.problems.every((p) => p.index === 6 || p.index === 7)).toBe(true);
    expect(outcome.problems.find((p) => p.index === 6)!.problem).toMatchObject({
      field: expect.stringMatching(/^filings\[6\]\.report/),
      reason: { key: 'submission.badReport' },
    });
    expect(outcome.problems.find((p) => p.index === 7)!.problem).toEqual({
      field: 'filings[7].report.year',
      message: 'c: this round collects 2024 reports, not 2023',
      reason: { key: 'round.wrongYear', params: { expected: 2024, actual: 2023 } },
    });
    // a batch refused for other reasons is validated only
    const refused = sut.check({
      year: 2024,
      check: false,
      items: [item(0, 'a', report(1, '甲局'))],
    });
    expect(refused).toEqual({ problems: [], checked: [] });
  });

  it("names a nearly valid report's problems with the schema's paths and messages", () => {
    const bad = structuredClone(report(3, '丙局')) as unknown as {
      tables: { applications: { total: Record<string, unknown> } };
      comment?: string;
    };
    bad.tables.applications.total.natural = -1;
    bad.comment = 'x';
    const outcome = new BulkChecker(2024).check({
      year: 2024,
      check: true,
      items: [item(4, 'c', bad)],
    });
    expect(outcome.checked).toEqual([]);
    expect(outcome.problems.map((p) => p.problem)).toEqual(
      expect.arrayContaining([
        {
          field: 'filings[4].report.tables.applications.total.natural',
          message: 'c: a count cannot be negative',
          reason: { key: 'submission.badReport' },
        },
        {
          field: 'filings[4].report.comment',
          message: 'c: unknown key "comment" (not part of the 2021 template or of the format)',
          reason: { key: 'submission.badReport' },
        },
      ]),
    );
    expect(outcome.problems).toHaveLength(2);
  });
});
