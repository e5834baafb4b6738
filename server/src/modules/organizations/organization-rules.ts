import type { FieldProblem } from '../../common/domain-error';
import { OrganizationLevel } from './organization.entity';

/**
 * Nesting order: a node sits under a node of a smaller rank. The nation ranks below every level,
 * so it sits under nothing (`placementProblem`).
 */
export const LEVEL_RANK: Record<OrganizationLevel, number> = {
  [OrganizationLevel.NATION]: -1,
  [OrganizationLevel.PROVINCE]: 0,
  [OrganizationLevel.CITY]: 1,
  [OrganizationLevel.COUNTY]: 2,
  [OrganizationLevel.DEPARTMENT]: 3,
  [OrganizationLevel.TOWNSHIP]: 3,
};

/** Chinese names of the levels, for sheets and reasons. */
export const LEVEL_NAMES_ZH: Record<OrganizationLevel, string> = {
  [OrganizationLevel.NATION]: '全国',
  [OrganizationLevel.PROVINCE]: '省',
  [OrganizationLevel.CITY]: '市',
  [OrganizationLevel.COUNTY]: '县（区）',
  [OrganizationLevel.DEPARTMENT]: '部门',
  [OrganizationLevel.TOWNSHIP]: '乡镇（街道）',
};

/** Level words a roster may use (English enum names, any case, or Chinese). */
export const LEVEL_WORDS: Record<string, OrganizationLevel> = {
  ...Object.fromEntries(Object.values(OrganizationLevel).map((l) => [l.toLowerCase(), l])),
  全国: OrganizationLevel.NATION,
  国家: OrganizationLevel.NATION,
  省: OrganizationLevel.PROVINCE,
  市: OrganizationLevel.CITY,
  地级市: OrganizationLevel.CITY,
  县: OrganizationLevel.COUNTY,
  区: OrganizationLevel.COUNTY,
  县级: OrganizationLevel.COUNTY,
  县区: OrganizationLevel.COUNTY,
  '县（区）': OrganizationLevel.COUNTY,
  部门: OrganizationLevel.DEPARTMENT,
  乡镇: OrganizationLevel.TOWNSHIP,
  街道: OrganizationLevel.TOWNSHIP,
  '乡镇（街道）': OrganizationLevel.TOWNSHIP,
};

/**
 * Why a node of `level` cannot sit under a node of `parentLevel` (null: a root), or null when it
 * can: the nation is a root only (`nationRoot`), any other level sits under a smaller rank
 * (`levelPlacement`).
 */
export function placementProblem(
  level: OrganizationLevel,
  parentLevel: OrganizationLevel | null,
): 'nationRoot' | 'levelPlacement' | null {
  if (parentLevel === null) return null;
  if (level === OrganizationLevel.NATION) return 'nationRoot';
  return LEVEL_RANK[parentLevel] >= LEVEL_RANK[level] ? 'levelPlacement' : null;
}

/**
 * Whether a body of `level` may file a report, and so whether it does unless told otherwise: the
 * nation never does (no report, no deadline of its own).
 */
export function mayReport(level: OrganizationLevel): boolean {
  return level !== OrganizationLevel.NATION;
}

export const CODE_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** Problems with a pair of active years (each in range, the last not before the first). */
export function checkYears(
  from: number | null | undefined,
  to: number | null | undefined,
  field: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [name, year] of [
    ['activeFromYear', from],
    ['activeToYear', to],
  ] as const) {
    if (
      year !== null &&
      year !== undefined &&
      (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR)
    )
      problems.push({
        field: `${field}.${name}`,
        message: `must be a year between ${MIN_YEAR} and ${MAX_YEAR}`,
        reason: {
          key: 'organization.yearRange',
          params: { year: String(year), min: MIN_YEAR, max: MAX_YEAR },
        },
      });
  }
  if (from != null && to != null && to < from)
    problems.push({
      field: `${field}.activeToYear`,
      message: 'cannot be before activeFromYear',
      reason: { key: 'organization.yearsReversed', params: { from, to } },
    });
  return problems;
}

/**
 * Whether a node whose last year is `childTo` may sit under a parent whose last year is
 * `parentTo` (null: open-ended): a body cannot report for years after its parent closed.
 */
export function outlivesParent(childTo: number | null, parentTo: number | null): boolean {
  return parentTo !== null && (childTo === null || childTo > parentTo);
}
