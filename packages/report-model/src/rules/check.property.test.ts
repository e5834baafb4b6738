import fc from 'fast-check';
import {
  generateConsistentReport,
  generateYearPair,
  DEFAULT_YEARS,
} from '../testing/generate-report';
import { withCellDelta } from '../testing/mutable';
import { getCell } from '../report/empty-report';
import { parseReport } from '../report/report.schema';
import { TEMPLATE_IDS } from '../templates/template-definitions';
import { arithmeticallyBoundCells, check } from './check';
import { RULE_CATALOGUE } from './rule-catalogue';

const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const CROSS_YEAR_RULES = RULE_CATALOGUE.filter((r) => r.scope === 'cross-year').map((r) => r.id);

describe(check.name, () => {
  it.each(TEMPLATE_IDS)(
    'passes every error rule on a generated consistent %s report',
    (template) => {
      fc.assert(
        fc.property(seed, (s) => {
          const report = generateConsistentReport(s, template, DEFAULT_YEARS[template]);
          expect(parseReport(report).ok).toBe(true);
          const sut = check(report);
          expect(sut.findings.filter((f) => f.severity === 'error')).toEqual([]);
        }),
        { numRuns: 100 },
      );
    },
  );

  it.each(['2021', '2019', 'legacy-fujian', 'legacy-2011'] as const)(
    'catches any single changed arithmetic cell of a %s report with an error rule',
    (template) => {
      const cells = arithmeticallyBoundCells(template);
      expect(cells.length).toBeGreaterThan(0);
      fc.assert(
        fc.property(
          seed,
          fc.constantFrom(...cells),
          fc.integer({ min: 1, max: 50 }),
          fc.boolean(),
          (s, path, size, up) => {
            const report = generateConsistentReport(s, template, DEFAULT_YEARS[template]);
            const value = getCell(report, path);
            fc.pre(typeof value === 'number');
            const delta = up || (value as number) < size ? size : -size;
            const sut = check(withCellDelta(report, path, delta), { groups: ['tables'] });
            expect(sut.findings.some((f) => f.severity === 'error' && f.cells.includes(path))).toBe(
              true,
            );
          },
        ),
        { numRuns: 300 },
      );
    },
  );

  it.each(TEMPLATE_IDS)('passes the cross-year rules on a generated %s year pair', (template) => {
    fc.assert(
      fc.property(seed, (s) => {
        const { previous, current } = generateYearPair(s, template, DEFAULT_YEARS[template]);
        const sut = check(current, { previous });
        expect(sut.summary.crossYear).toBe('checked');
        expect(sut.findings.filter((f) => CROSS_YEAR_RULES.includes(f.rule))).toEqual([]);
        expect(sut.findings.filter((f) => f.severity === 'error')).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
