import type { RuleId } from '@gongkai/report-model';
import fc from 'fast-check';
import type { Finding, Severity } from '../report.types';

const RULES: readonly (readonly [RuleId, Severity])[] = [
  ['applications.balance', 'error'],
  ['applications.rowTotal', 'error'],
  ['applications.carryOver', 'warning'],
  ['reviewLitigation.groupTotal', 'error'],
  ['legacy.proactiveChannels', 'info'],
  ['completeness.sections', 'error'],
  ['completeness.blankCells', 'warning'],
  ['completeness.templateVersion', 'error'],
  ['completeness.overviewTopics', 'warning'],
  ['text.matchesTable', 'warning'],
  ['text.wrongEntity', 'warning'],
  ['originality.previousYear', 'warning'],
  ['originality.peer', 'warning'],
  ['staffing.noTraining', 'info'],
];

/** Any finding the rule engine could produce, with 0–4 cells and a ratio for originality. */
export const findingArbitrary: fc.Arbitrary<Finding> = fc
  .record({
    rule: fc.constantFrom(...RULES),
    cells: fc.array(fc.constantFrom('applications.total.natural', 'sections.problems', 'a.b.c'), {
      maxLength: 4,
    }),
    ratio: fc.double({ min: 0.5, max: 1, noNaN: true }),
  })
  .map(({ rule, cells, ratio }) => ({
    rule: rule[0],
    severity: rule[1],
    cells,
    ...(rule[0].startsWith('originality.') ? { expected: 0.5, actual: ratio } : {}),
    message: rule[0],
    messageEn: rule[0],
  }));

export const findingsArbitrary: fc.Arbitrary<Finding[]> = fc.array(findingArbitrary, {
  maxLength: 12,
});
