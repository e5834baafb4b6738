import fc from 'fast-check';
import { z } from 'zod';
import { DEFAULT_YEARS, generateConsistentReport } from '../testing/generate-report';
import { SyntheticNation } from '../testing/nation';
import { TEMPLATE_IDS } from '../templates/template-definitions';
import type { TemplateId } from '../templates/template.types';
import { emptyReport } from './empty-report';
import {
  compiledReportSchema,
  parseReport,
  PARSES_BEFORE_COMPILING,
  TEMPLATE_REPORT_SCHEMAS,
} from './report.schema';

const COMPILED = {} as Record<TemplateId, z.ZodType>;
for (const id of TEMPLATE_IDS) COMPILED[id] = compiledReportSchema(TEMPLATE_REPORT_SCHEMAS[id])!;

/** Equal values with every object's keys in the same order (what the stored text and `check()` see). */
function sameShape(a: unknown, b: unknown, path = '$'): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return `${path}: ${String(a)} ≠ ${String(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array and object`;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join('\u0000') !== kb.join('\u0000')) return `${path}: keys ${ka.join()} ≠ ${kb.join()}`;
  for (const k of ka) {
    const d = sameShape(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
      `${path}.${k}`,
    );
    if (d) return d;
  }
  return null;
}

function zodParse(template: TemplateId, input: unknown) {
  return TEMPLATE_REPORT_SCHEMAS[template].safeParse(input);
}

/**
 * zod's compiled parser agrees with the schema's own: the very output when the schema accepts
 * the value, the very issues when it refuses it.
 */
function expectAgreement(
  template: TemplateId,
  input: unknown,
  zod = zodParse(template, input),
): 'accepted' | 'refused' {
  const compiled = COMPILED[template].safeParse(input);
  expect(compiled.success).toBe(zod.success);
  if (compiled.success && zod.success) {
    expect(sameShape(compiled.data, zod.data)).toBeNull();
    expect(compiled.data).not.toBe(input);
    return 'accepted';
  }
  expect(compiled.error?.issues).toEqual(zod.error?.issues);
  return 'refused';
}

/** Whether `parse` accepted `input` without running the schema's own parser. */
function onCompiledPath(
  template: TemplateId,
  input: unknown,
  parse = (value: unknown) => COMPILED[template].safeParse(value).success,
): boolean {
  const spy = jest.spyOn(TEMPLATE_REPORT_SCHEMAS[template].shape.tables._zod, 'run');
  try {
    return parse(input) && spy.mock.calls.length === 0;
  } finally {
    spy.mockRestore();
  }
}

/** Every path to a value inside `value` (objects only; reports hold no arrays). */
function paths(value: unknown, at: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [at];
  const out: string[][] = [at];
  for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

const ODD_VALUES: unknown[] = [
  null,
  undefined,
  0,
  -0,
  -1,
  1.5,
  1e9,
  1e9 + 1,
  1e13,
  1e13 + 1,
  -1e9,
  -1e9 - 1,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  '3',
  'x'.repeat(51),
  'x'.repeat(1001),
  '2024-02-30',
  '2024-02-29',
  true,
  {},
  [],
  new Date(0),
  Object.create(null) as unknown,
];

/** A generated report of `template` with every optional field of the format filled in. */
function withOptionals(template: TemplateId): Record<string, unknown> {
  const report = structuredClone(
    generateConsistentReport(12, template, DEFAULT_YEARS[template]),
  ) as unknown as Record<string, unknown>;
  report.units = { 'article20.fees.amount': '万元', 'applications.total.natural': '件' };
  report.provenance = {
    'sections.overview': { line: 3, confidence: 0.5, source: 'p1' },
    title: { line: 1 },
  };
  report.title = '2023年政府信息公开工作年度报告';
  report.publishedOn = '2024-01-31';
  report.staffing = { leadingGroup: true, dedicatedStaff: 2, trainings: null };
  report.facts = { proactiveItems: 12, reviews: null };
  report.organization = { name: '某县统计局', region: null };
  return report;
}

describe(compiledReportSchema.name, () => {
  // first: it counts this process's parses of a template
  it(`is what parseReport runs for a template once it has parsed ${PARSES_BEFORE_COMPILING} of its reports`, () => {
    const report = generateConsistentReport(4, '2021', 2023);
    const byParseReport = (value: unknown) => parseReport(value).ok;
    for (let i = 0; i < PARSES_BEFORE_COMPILING; i += 1)
      expect(onCompiledPath('2021', report, byParseReport)).toBe(false);
    expect(onCompiledPath('2021', report, byParseReport)).toBe(true);
    expect(parseReport(report)).toEqual({ ok: true, report });
    expect(parseReport({ ...report, year: 1.5 })).toEqual({
      ok: false,
      errors: [{ path: 'year', message: 'a year must be a whole number' }],
    });
  });

  it.each(TEMPLATE_IDS)(
    'parses generated and empty %s reports on the compiled path exactly as the schema outputs them',
    (template) => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
          const report = generateConsistentReport(seed, template, DEFAULT_YEARS[template]);
          expect(expectAgreement(template, report)).toBe('accepted');
        }),
        { numRuns: 40 },
      );
      const empty = emptyReport(template, 2020, { name: '某县统计局' });
      expect(expectAgreement(template, empty)).toBe('accepted');
      expect(onCompiledPath(template, empty)).toBe(true);
      expect(expectAgreement(template, withOptionals(template))).toBe('accepted');
      expect(onCompiledPath(template, withOptionals(template))).toBe(true);
    },
  );

  it('parses every report of a synthetic nation with defects, two years, on the compiled path', () => {
    const nation = new SyntheticNation({ bodies: 150, years: 2, seed: 7, defectRate: 0.3 });
    let accepted = 0;
    for (const year of nation.years)
      for (const filing of nation.filings(year)) {
        const template = filing.report.template;
        const input = JSON.parse(JSON.stringify(filing.report)) as unknown;
        expect(expectAgreement(template, input)).toBe('accepted');
        expect(onCompiledPath(template, input)).toBe(true);
        accepted += 1;
      }
    expect(accepted).toBeGreaterThan(200);
  });

  it.each(TEMPLATE_IDS)(
    'agrees with the schema when any value of a %s report is replaced, removed or added',
    (template) => {
      const all = [
        generateConsistentReport(11, template, DEFAULT_YEARS[template]),
        withOptionals(template),
      ];
      const outcomes = new Set<string>();
      fc.assert(
        fc.property(
          fc.nat(all.length - 1),
          fc.nat(),
          fc.constantFrom('replace', 'remove', 'add'),
          fc.oneof(fc.constantFrom(...ODD_VALUES), fc.anything()),
          (which, pick, how, value) => {
            const input = structuredClone(all[which]!) as unknown as Record<string, unknown>;
            const targets = paths(input);
            const path = targets[pick % targets.length]!;
            if (path.length === 0) return;
            let parent = input;
            for (const step of path.slice(0, -1)) parent = parent[step] as Record<string, unknown>;
            const key = path.at(-1)!;
            if (how === 'remove') delete parent[key];
            else if (how === 'replace') parent[key] = value;
            else parent[`${key}Extra`] = value;
            const zod = zodParse(template, input);
            outcomes.add(expectAgreement(template, input, zod));
            // parseReport gives the schema's output or its problems, as zod's own parser would
            const sut = parseReport(input);
            expect(sut.ok).toBe(zod.success);
            if (sut.ok && zod.success) expect(sameShape(sut.report, zod.data)).toBeNull();
          },
        ),
        { numRuns: 400 },
      );
      expect(outcomes).toEqual(new Set(['accepted', 'refused']));
    },
  );

  it('agrees with the schema on a __proto__ key, a symbol key and an object that is not plain', () => {
    const report = generateConsistentReport(5, '2021', 2023);
    const withProto = JSON.parse(
      JSON.stringify(report).replace('"format"', '"__proto__":{},"format"'),
    ) as unknown;
    expect(expectAgreement('2021', withProto)).toBe('refused');
    expect(parseReport(withProto)).toMatchObject({
      ok: false,
      errors: [{ path: '__proto__', message: expect.stringContaining('unknown key') }],
    });
    const withSymbol = { ...structuredClone(report), units: { [Symbol('s')]: 'x' } };
    expectAgreement('2021', withSymbol);
    class Report {}
    expectAgreement('2021', Object.assign(new Report(), structuredClone(report)));
  });

  it('throws on a construct zod cannot compile, and leaves the schema to zod where it must not generate code', () => {
    expect(() =>
      compiledReportSchema(z.strictObject({ name: z.string().refine(async () => true) })),
    ).toThrow(z.ZodCompileAsyncError);
    const report = generateConsistentReport(6, '2019', 2019);
    z.config({ jitless: true });
    try {
      expect(compiledReportSchema(TEMPLATE_REPORT_SCHEMAS['2019'])).toBeUndefined();
      expect(parseReport(report)).toEqual({ ok: true, report });
    } finally {
      z.config({ jitless: false });
    }
  });
});
