import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.options';

export class DatabaseError extends Error {}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/**
 * Connects, fails fast with one clear line, and applies pending migrations (unless `migrate` is
 * false: the workers of several server processes, whose primary has migrated).
 */
export async function openDatabase(
  url: string,
  { migrate = true }: { migrate?: boolean } = {},
): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(url));
  try {
    await dataSource.initialize();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new DatabaseError(`cannot connect to PostgreSQL at ${describeUrl(url)}: ${reason}`);
  }
  if (!migrate) return dataSource;
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new DatabaseError(`database migration failed at ${describeUrl(url)}: ${reason}`);
  }
  return dataSource;
}
