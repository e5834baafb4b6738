// Constants in another file, read by the SQL rule's cases in test/lint/sql-tables.test.mjs
// through the relative imports of their examples.
export const ORGANIZATIONS_TABLE = 'organizations';
export const DIRECTORY_VIEW = `organization_directory`;
export const JOIN_ROUNDS = 'JOIN rounds r ON r.id = s.round_id';
export const JOIN_ROUND_DIRECTORY = `JOIN ${'round_directory'} r ON r.id = s.round_id`;
export const TABLES = { organizations: ORGANIZATIONS_TABLE, directory: DIRECTORY_VIEW } as const;
export const LISTED = ['rounds r', 'round_extensions x'] as const;
export const LISTED_VIEWS = ['round_directory r', 'round_extension_deadlines x'] as const;
// an object others may change: its members are not read
export const MUTABLE = { table: 'organization_directory' };
export const tableOf = (name: string): string => name;
// helpers that build SQL: a single `return` of a template, read with the call's arguments
export function joinRoundsSql(alias: string): string {
  return `JOIN rounds ${alias} ON ${alias}.id = s.round_id`;
}
export function joinRoundDirectorySql(alias: string): string {
  return `JOIN round_directory ${alias} ON ${alias}.id = s.round_id`;
}
export const selectFromSql = (table: string, alias = 'x'): string =>
  `SELECT ${alias}.id FROM ${table} ${alias}`;
// more than a `return`: not read
export function tableAfterWork(name: string): string {
  const trimmed = name.trim();
  return `${trimmed}`;
}
