import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

/** What a cursor needs of a connection: TypeORM's `QueryRunner`, or `pgCursorSource`'s. */
export type CursorRunner = {
  connect(): Promise<unknown>;
  startTransaction(isolationLevel?: IsolationLevel): Promise<void>;
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
  readonly isTransactionActive: boolean;
  commitTransaction(): Promise<void>;
  rollbackTransaction(): Promise<void>;
  release(): Promise<void>;
};

/**
 * Where cursors get their connections and single statements run: the app's `DataSource`, or
 * a pool of a thread of its own (`pgCursorSource`).
 */
export type CursorSource = {
  createQueryRunner(): CursorRunner;
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
};

/**
 * The rows of a query, `batch` at a time, through a server-side cursor on a connection of its
 * own (held until the generator ends or is abandoned). The next batch is requested while the
 * caller works on the current one, so the database works alongside it. Only one batch and the
 * one on its way are ever in memory.
 */
export async function* cursorBatches<T>(
  dataSource: CursorSource,
  sql: string,
  params: readonly unknown[],
  batch: number,
): AsyncGenerator<T[]> {
  if (!Number.isInteger(batch) || batch < 1)
    throw new Error(`cursor: batch must be a whole number ≥ 1, not ${batch}`);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  let open = false;
  try {
    await runner.startTransaction();
    await runner.query(`DECLARE gongkai_rows NO SCROLL CURSOR FOR ${sql}`, [...params]);
    open = true;
    const fetch = (): Promise<T[]> =>
      runner.query(`FETCH ${batch} FROM gongkai_rows`) as Promise<T[]>;
    let next: Promise<T[]> | null = fetch();
    while (next) {
      const rows: T[] = await next;
      next = rows.length === batch ? fetch() : null;
      // Keep a pending fetch from rejecting unobserved if the consumer stops early.
      next?.catch(() => undefined);
      if (rows.length > 0) yield rows;
    }
  } finally {
    try {
      if (open) await runner.query('CLOSE gongkai_rows').catch(() => undefined);
      if (runner.isTransactionActive) await runner.commitTransaction().catch(() => undefined);
    } finally {
      await runner.release();
    }
  }
}
