import { OrganizationLevel } from './organization.entity';
import {
  LEVEL_NAMES_ZH,
  LEVEL_RANK,
  LEVEL_WORDS,
  mayReport,
  placementProblem,
} from './organization-rules';

const LEVELS = Object.values(OrganizationLevel);
const { NATION, PROVINCE, CITY, COUNTY, DEPARTMENT, TOWNSHIP } = OrganizationLevel;

describe('organization placement rules', () => {
  it('refuses a nation under any parent, and places it as a root', () => {
    for (const parent of LEVELS) expect(placementProblem(NATION, parent)).toBe('nationRoot');
    expect(placementProblem(NATION, null)).toBeNull();
  });

  it.each([
    [PROVINCE, NATION, null],
    [CITY, NATION, null],
    [DEPARTMENT, NATION, null],
    [CITY, PROVINCE, null],
    [COUNTY, CITY, null],
    [TOWNSHIP, COUNTY, null],
    [PROVINCE, PROVINCE, 'levelPlacement'],
    [PROVINCE, CITY, 'levelPlacement'],
    [COUNTY, DEPARTMENT, 'levelPlacement'],
    [DEPARTMENT, TOWNSHIP, 'levelPlacement'],
  ] as const)('a %s under a %s: %s', (level, parent, problem) => {
    expect(placementProblem(level, parent)).toBe(problem);
  });

  it('lets every level but the nation be a root and file a report', () => {
    for (const level of LEVELS) {
      if (level !== NATION) expect(placementProblem(level, null)).toBeNull();
      expect(mayReport(level)).toBe(level !== NATION);
    }
  });

  it('ranks, names and reads every level, the nation above the provinces', () => {
    for (const level of LEVELS) {
      expect(LEVEL_RANK[level]).toEqual(expect.any(Number));
      expect(LEVEL_NAMES_ZH[level]).toBeTruthy();
      expect(LEVEL_WORDS[level.toLowerCase()]).toBe(level);
      expect(LEVEL_WORDS[LEVEL_NAMES_ZH[level]]).toBe(level);
    }
    expect(LEVEL_RANK[NATION]).toBeLessThan(LEVEL_RANK[PROVINCE]);
    expect([LEVEL_WORDS['全国'], LEVEL_WORDS['国家'], LEVEL_WORDS['nation']]).toEqual([
      NATION,
      NATION,
      NATION,
    ]);
  });
});
