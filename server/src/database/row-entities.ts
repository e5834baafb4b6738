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
