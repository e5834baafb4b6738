import fc from 'fast-check';
import { z } from 'zod';
import { DEFAULT_YEARS, generateConsistentReport } from '../testing/generate-report';
import { SyntheticNation } from '../testing/nation';
import { TEMPLATE_IDS } from '../templates/template-definitions';
import type { TemplateId } from '../templates/template.types';
import { emptyReport } from './empty-report';
import { fastReportCopy } from './report.fast-parse';
import { parseReport, TEMPLATE_REPORT_SCHEMAS } from './report.schema';

const isoDateSchema = z.iso.date();
const isoDate = (value: string) => isoDateSchema.safeParse(value).success;

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

/** The fast copy agrees with zod: undefined when zod refuses, zod's very output when it accepts. */
function expectAgreement(template: TemplateId, input: unknown): 'copied' | 'left to zod' {
  const zod = zodParse(template, input);
  const copied = fastReportCopy(template, input, isoDate);
  if (copied === undefined) return 'left to zod';
  expect(zod.success).toBe(true);
  expect(sameShape(copied, zod.data)).toBeNull();
  expect(copied).not.toBe(input);
  return 'copied';
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

describe(fastReportCopy.name, () => {
  it.each(TEMPLATE_IDS)(
    'copies generated and empty %s reports exactly as the schema outputs them',
    (template) => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
          const report = generateConsistentReport(seed, template, DEFAULT_YEARS[template]);
          expect(expectAgreement(template, report)).toBe('copied');
        }),
        { numRuns: 40 },
      );
      const empty = emptyReport(template, 2020, { name: '某县统计局' });
      expect(expectAgreement(template, empty)).toBe('copied');
    },
  );

  it('copies every report of a synthetic nation with defects, two years', () => {
    const nation = new SyntheticNation({ bodies: 150, years: 2, seed: 7, defectRate: 0.3 });
    let copied = 0;
    for (const year of nation.years)
      for (const filing of nation.filings(year)) {
        const template = filing.report.template;
        expect(expectAgreement(template, filing.report)).toBe('copied');
        copied += 1;
      }
    expect(copied).toBeGreaterThan(200);
  });

  it('agrees with the schema when any value of a report is replaced, removed or added', () => {
    const reports = TEMPLATE_IDS.map((t) => generateConsistentReport(11, t, DEFAULT_YEARS[t]));
    const withRecords = structuredClone(reports[0]!) as unknown as Record<string, unknown>;
    withRecords.units = { 'article20.fees.amount': '万元' };
    withRecords.provenance = { 'sections.overview': { line: 3, confidence: 0.5, source: 'p1' } };
    withRecords.title = '2023年政府信息公开工作年度报告';
    withRecords.publishedOn = '2024-01-31';
    withRecords.staffing = { leadingGroup: true, dedicatedStaff: 2, trainings: null };
    withRecords.facts = { proactiveItems: 12, reviews: null };
    const all = [...reports, withRecords as never];
    const outcomes = new Set<string>();
    fc.assert(
      fc.property(
        fc.nat(all.length - 1),
        fc.nat(),
        fc.constantFrom('replace', 'remove', 'add'),
        fc.oneof(fc.constantFrom(...ODD_VALUES), fc.anything()),
        (which, pick, how, value) => {
          const input = structuredClone(all[which]!) as unknown as Record<string, unknown>;
          const template = input.template as TemplateId;
          const targets = paths(input);
          const path = targets[pick % targets.length]!;
          if (path.length === 0) return;
          let parent = input;
          for (const step of path.slice(0, -1)) parent = parent[step] as Record<string, unknown>;
          const key = path.at(-1)!;
          if (how === 'remove') delete parent[key];
          else if (how === 'replace') parent[key] = value;
          else parent[`${key}Extra`] = value;
          outcomes.add(expectAgreement(template, input));
          // parseReport gives the fast copy or zod's problems, as zod alone would
          const sut = parseReport(input);
          const zod = zodParse(template, input);
          expect(sut.ok).toBe(zod.success);
          if (sut.ok && zod.success) expect(sameShape(sut.report, zod.data)).toBeNull();
        },
      ),
      { numRuns: 1000 },
    );
    expect(outcomes).toEqual(new Set(['copied', 'left to zod']));
  });

  it('leaves a __proto__ key, a symbol key and an object that is not plain to the schema', () => {
    const report = generateConsistentReport(5, '2021', 2023);
    const withProto = JSON.parse(
      JSON.stringify(report).replace('"format"', '"__proto__":{},"format"'),
    ) as unknown;
    expect(fastReportCopy('2021', withProto, isoDate)).toBeUndefined();
    expect(parseReport(withProto)).toMatchObject({
      ok: false,
      errors: [{ path: '__proto__', message: expect.stringContaining('unknown key') }],
    });
    const withSymbol = { ...structuredClone(report), units: { [Symbol('s')]: 'x' } };
    expect(fastReportCopy('2021', withSymbol, isoDate)).toBeUndefined();
    class Report {}
    expect(
      fastReportCopy('2021', Object.assign(new Report(), structuredClone(report)), isoDate),
    ).toBeUndefined();
  });
});
