import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Reading entities from a hand-written statement that also returns other columns: `columnsOf`
 * lists an entity's columns under a prefix (`o.code AS "o_code"`), `entityOf` builds the entity
 * from such a row with the driver's own conversions (what `find` would return), so a query can
 * bring a page's rows and their entities back in one round trip.
 */
export function columnsOf<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  alias: string,
): string {
  return dataSource
    .getMetadata(target)
    .columns.map((c) => `${alias}.${c.databaseName} AS "${alias}_${c.databaseName}"`)
    .join(', ');
}

/** The entity in `row` under `alias`'s columns, or null when its primary key is null (no match). */
export function entityOf<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  alias: string,
  row: Record<string, unknown>,
): T | null {
  const metadata = dataSource.getMetadata(target);
  const primary = metadata.primaryColumns[0];
  if (primary && (row[`${alias}_${primary.databaseName}`] ?? null) === null) return null;
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    const value = row[`${alias}_${column.databaseName}`];
    (entity as Record<string, unknown>)[column.propertyName] =
      value === undefined ? undefined : dataSource.driver.prepareHydratedValue(value, column);
  }
  return entity;
}

const columnLists = new WeakMap<object, Map<string, string>>();

/**
 * Entities read by a fixed statement (`SELECT <columns> FROM <table> <alias> <tail>`), without
 * building the query per call: for the request loaders that run the same read many times a
 * second. `omit` leaves properties out (undefined on the entity, as `find` with `select` does).
 */
export async function selectEntities<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  alias: string,
  tail: string,
  params: readonly unknown[],
  omit: readonly string[] = [],
): Promise<T[]> {
  const metadata = dataSource.getMetadata(target);
  const cacheKey = `${alias}|${omit.join(',')}`;
  let lists = columnLists.get(metadata);
  if (!lists) columnLists.set(metadata, (lists = new Map()));
  let columns = lists.get(cacheKey);
  if (columns === undefined) {
    columns = metadata.columns
      .filter((c) => !omit.includes(c.propertyName))
      .map((c) => `${alias}.${c.databaseName} AS "${alias}_${c.databaseName}"`)
      .join(', ');
    lists.set(cacheKey, columns);
  }
  const rows = (await dataSource.query(
    `SELECT ${columns} FROM ${metadata.tablePath} ${alias} ${tail}`,
    [...params],
  )) as Record<string, unknown>[];
  return rows.map((row) => entityOf(dataSource, target, alias, row)!);
}
