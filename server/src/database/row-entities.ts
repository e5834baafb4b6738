import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

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
  const { primaryKey, columns } = rowShape(metadata, alias);
  if (primaryKey !== null && (row[primaryKey] ?? null) === null) return null;
  const entity = metadata.create() as T;
  const driver = dataSource.driver;
  for (const { key, column } of columns) {
    const value = row[key];
    (entity as Record<string, unknown>)[column.propertyName] =
      value === undefined ? undefined : driver.prepareHydratedValue(value, column);
  }
  return entity;
}

type RowShape = {
  primaryKey: string | null;
  columns: readonly { key: string; column: ColumnMetadata }[];
};
const rowShapes = new WeakMap<EntityMetadata, Map<string, RowShape>>();

/** Where an entity's columns sit in a row under `alias` (built once per entity and alias). */
function rowShape(metadata: EntityMetadata, alias: string): RowShape {
  let byAlias = rowShapes.get(metadata);
  if (!byAlias) rowShapes.set(metadata, (byAlias = new Map()));
  let shape = byAlias.get(alias);
  if (!shape) {
    const primary = metadata.primaryColumns[0];
    shape = {
      primaryKey: primary ? `${alias}_${primary.databaseName}` : null,
      columns: metadata.columns.map((column) => ({
        key: `${alias}_${column.databaseName}`,
        column,
      })),
    };
    byAlias.set(alias, shape);
  }
  return shape;
}

const columnLists = new WeakMap<object, Map<string, string>>();

/**
 * Entities read by a fixed statement (`SELECT <columns> FROM <table> <alias> <tail>`), without
 * building the query per call: for the request loaders that run the same read many times a
 * second. `omit` leaves properties out (undefined on the entity, as `find` with `select` does);
 * `extra` selects more expressions by name (`{ report_text: 'v.report::text' }`), which
 * `withRow` reads from each row beside its entity.
 */
export async function selectEntities<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  alias: string,
  tail: string,
  params: readonly unknown[],
  omit: readonly string[] = [],
  extra: Readonly<Record<string, string>> = {},
  withRow?: (entity: T, row: Record<string, unknown>) => void,
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
  const more = Object.entries(extra).map(([name, sql]) => `, ${sql} AS "${name}"`);
  const rows = (await dataSource.query(
    // eslint-disable-next-line gongkai/own-tables-only -- the caller's entity, whose table the caller owns
    `SELECT ${columns}${more.join('')} FROM ${metadata.tablePath} ${alias} ${tail}`,
    [...params],
  )) as Record<string, unknown>[];
  return rows.map((row) => {
    const entity = entityOf(dataSource, target, alias, row)!;
    withRow?.(entity, row);
    return entity;
  });
}
