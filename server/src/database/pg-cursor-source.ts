import { Pool, type PoolClient } from 'pg';
import type { CursorRunner, CursorSource } from './cursor';

/** A `CursorSource` on a pool of its own, with its `end()`. */
export type PgCursorSource = CursorSource & { end(): Promise<void> };

/**
 * A `CursorSource` over a plain `pg` pool of `max` connections: what a worker thread, which has
 * no `DataSource`, reads through (`cursorBatches` and the readers built on it). Statements return
 * their rows, as TypeORM's `query` does.
 */
export function pgCursorSource(
  databaseUrl: string,
  options: { max: number; applicationName: string },
): PgCursorSource {
  const pool = new Pool({
    connectionString: databaseUrl,
    max: options.max,
    application_name: options.applicationName,
  });
  // an idle connection that fails (the database restarted) must not crash the thread
  pool.on('error', () => undefined);
  const rowsOf = async (
    client: Pool | PoolClient,
    sql: string,
    parameters?: unknown[],
  ): Promise<unknown[]> => (await client.query(sql, parameters)).rows as unknown[];
  return {
    query: (sql, parameters) => rowsOf(pool, sql, parameters),
    createQueryRunner(): CursorRunner {
      let client: PoolClient | null = null;
      let active = false;
      const connected = (): PoolClient => {
        if (!client) throw new Error('cursor source: the runner is not connected');
        return client;
      };
      return {
        async connect() {
          client ??= await pool.connect();
          return client;
        },
        get isTransactionActive() {
          return active;
        },
        async startTransaction(isolationLevel) {
          await connected().query(
            isolationLevel ? `BEGIN ISOLATION LEVEL ${isolationLevel}` : 'BEGIN',
          );
          active = true;
        },
        async commitTransaction() {
          active = false;
          await connected().query('COMMIT');
        },
        async rollbackTransaction() {
          active = false;
          await connected().query('ROLLBACK');
        },
        query: (sql, parameters) => rowsOf(connected(), sql, parameters),
        async release() {
          client?.release();
          client = null;
        },
      };
    },
    end: () => pool.end(),
  };
}
