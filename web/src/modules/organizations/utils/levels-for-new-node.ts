import type { OrganizationLevel } from '../../../generated/graphql';

/** Every level of the schema, top down (a level the schema gains fails the type check here). */
const ORDER: Record<OrganizationLevel, number> = {
  NATION: 0,
  PROVINCE: 1,
  CITY: 2,
  COUNTY: 3,
  DEPARTMENT: 4,
  TOWNSHIP: 5,
};

/**
 * The levels a new node may take under a parent of `parentLevel` (null: a new root): every level,
 * top down, but a nation only as a root — the top of the hierarchy, which files no report. The
 * server holds the rest of the placement rules and names a refusal.
 */
export function levelsForNewNode(parentLevel: OrganizationLevel | null): OrganizationLevel[] {
  return (Object.keys(ORDER) as OrganizationLevel[])
    .sort((a, b) => ORDER[a] - ORDER[b])
    .filter((level) => parentLevel === null || level !== 'NATION');
}
