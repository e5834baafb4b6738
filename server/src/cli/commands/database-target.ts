import { Client } from 'pg';
import { ownerAlive, readLockOwner } from '../../database/data-dir-lock';
import { openDatabase } from '../../database/database';
import { embeddedUrl } from '../../database/embedded-postgres';
import type { AppConfig } from '../../config/config';
import { startCommandDatabase } from '../database';

/** A connection to the database a command works on, and how to let go of it. */
export type Target = { client: Client; where: string; close(): Promise<void> };

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'gongkai-cli' });
  await client.connect();
  return client;
}

/**
 * `DATABASE_URL` when set; else the data folder's embedded PostgreSQL — the running server's
 * (when `shareRunning`, named in the folder's lock), or one started here under the folder's lock
 * (refused while a server owns the folder). `migrate` applies the migrations first.
 */
export async function openTarget(
  config: AppConfig,
  options: { purpose: string; shareRunning: boolean; migrate: boolean },
): Promise<Target> {
  if (config.databaseUrl === null && options.shareRunning) {
    const owner = await readLockOwner(config.dataDir);
    if (owner && ownerAlive(owner) && owner.pgPort !== null) {
      const client = await connect(embeddedUrl(owner.pgPort));
      return {
        client,
        where: `the running server's database in ${config.dataDir}`,
        close: () => client.end(),
      };
    }
  }
  const database = await startCommandDatabase(config, options.purpose);
  try {
    if (options.migrate) await (await openDatabase(database.url)).destroy();
    const client = await connect(database.url);
    return {
      client,
      where: database.where,
      async close() {
        await client.end().catch(() => undefined);
        await database.release();
      },
    };
  } catch (error) {
    await database.release();
    throw error;
  }
}
