import { generateConsistentReport } from '../testing/generate-report';
import { mutableCopy } from '../testing/mutable';
import { TEMPLATE_IDS } from '../templates/template-definitions';
import { emptyReport } from './empty-report';
import { MAX_SECTION_CHARS, parseReport } from './report.schema';

const valid = generateConsistentReport(3, '2021', 2023);

function broken(change: (draft: Record<string, unknown>) => void): unknown {
  const draft = mutableCopy(valid) as unknown as Record<string, unknown>;
  change(draft);
  return draft;
}

function tables(draft: Record<string, unknown>) {
  return draft.tables as Record<string, Record<string, Record<string, unknown>>>;
}

describe(parseReport.name, () => {
  it.each(TEMPLATE_IDS)('accepts a generated and an empty report of template %s', (template) => {
    expect(parseReport(generateConsistentReport(1, template, 2020)).ok).toBe(true);
    expect(parseReport(emptyReport(template, 2020, { name: '某县统计局' })).ok).toBe(true);
  });

  it.each([
    [
      'a string instead of a count',
      (d: Record<string, unknown>) => void (tables(d).applications!.total!.natural = '3'),
      'tables.applications.total.natural',
      'expected a number',
    ],
    [
      'a negative count',
      (d: Record<string, unknown>) => void (tables(d).applications!.granted!.legal = -1),
      'tables.applications.granted.legal',
      'cannot be negative',
    ],
    [
      'a fractional count',
      (d: Record<string, unknown>) => void (tables(d).reviewLitigation!.review!.total = 1.5),
      'tables.reviewLitigation.review.total',
      'whole number',
    ],
    [
      'an unknown top-level key',
      (d: Record<string, unknown>) => void (d.comment = 'x'),
      'comment',
      'unknown key',
    ],
    [
      'a 2019 column in a 2021 table',
      (d: Record<string, unknown>) => void (tables(d).article20!.regulations!.made = 1),
      'tables.article20.regulations.made',
      'unknown key',
    ],
    [
      'a 2019 row in a 2021 table',
      (d: Record<string, unknown>) => void (tables(d).applications!.otherHandling = {}),
      'tables.applications.otherHandling',
      'unknown key',
    ],
    [
      'a legacy table in a 2021 report',
      (d: Record<string, unknown>) => void (tables(d).legacyStats = {}),
      'tables.legacyStats',
      'unknown key',
    ],
    [
      'a wrong format',
      (d: Record<string, unknown>) => void (d.format = 'v2'),
      'format',
      'format must be',
    ],
    [
      'an unknown template',
      (d: Record<string, unknown>) => void (d.template = '2030'),
      'template',
      'unknown template',
    ],
    [
      'a bad date',
      (d: Record<string, unknown>) => void (d.publishedOn = '26/01/2024'),
      'publishedOn',
      'ISO date',
    ],
    [
      'a missing section key',
      (d: Record<string, unknown>) => void delete (d.sections as Record<string, unknown>).other,
      'sections.other',
      '',
    ],
  ])('rejects %s with its JSON path', (_name, change, path, message) => {
    const sut = parseReport(broken(change));
    expect(sut.ok).toBe(false);
    if (sut.ok) return;
    expect(sut.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path, message: expect.stringContaining(message) }),
      ]),
    );
  });

  it('accepts a negative change and decimals in a money cell of the 2019 template', () => {
    const report = mutableCopy(generateConsistentReport(2, '2019', 2019));
    const article20 = report.tables.article20 as Record<string, Record<string, number | null>>;
    article20.licensing!.change = -4;
    article20.procurement!.amount = 12.34;
    expect(parseReport(report).ok).toBe(true);
  });

  it('rejects decimals in a count cell of the legacy template but accepts them in the fee waiver', () => {
    const report = mutableCopy(generateConsistentReport(2, 'legacy-fujian', 2016));
    const legacy = report.tables.legacyStats as Record<string, Record<string, number | null>>;
    legacy.feeWaiverYuan!.year = 12.5;
    expect(parseReport(report).ok).toBe(true);
    legacy.complaints!.year = 0.5;
    expect(parseReport(report)).toMatchObject({
      ok: false,
      errors: [{ path: 'tables.legacyStats.complaints.year' }],
    });
  });

  it.each([null, 3, 'text', []])('rejects %p as a document', (input) => {
    expect(parseReport(input)).toMatchObject({ ok: false, errors: [{ path: '$' }] });
  });

  it('rejects a 50 MB section quickly, naming the path and the limit', () => {
    const huge = 'a'.repeat(50 * 1024 * 1024);
    const started = performance.now();
    const sut = parseReport(
      broken((d) => void ((d.sections as Record<string, unknown>).problems = huge)),
    );
    const elapsed = performance.now() - started;
    expect(sut).toEqual({
      ok: false,
      errors: [
        {
          path: 'sections.problems',
          message: `text too long: ${huge.length} characters, at most ${MAX_SECTION_CHARS} allowed`,
        },
      ],
    });
    expect(elapsed).toBeLessThan(500);
  });
});
