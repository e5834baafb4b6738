import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type AppConfig, ConfigError, loadConfig } from '../config/config';
import { openDatabase } from '../database/database';
import { DataDirLockedError } from '../database/data-dir-lock';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { CliModule } from './cli.module';
import { CliError } from './command';

export type CliApp = {
  readonly app: INestApplicationContext;
  readonly dataSource: DataSource;
  readonly config: AppConfig;
  close(): Promise<void>;
};

/** The database a command works on, as a URL, and how to let go of it. */
export type CommandDatabase = { url: string; where: string; release(): Promise<void> };

/**
 * `DATABASE_URL` when set; else the embedded PostgreSQL in `GONGKAI_DATA_DIR`, started here under
 * the data folder's lock (refused with a `DataDirLockedError`, naming the owner, while a server
 * owns the folder) and stopped on release.
 */
export async function startCommandDatabase(
  config: AppConfig,
  purpose: string,
): Promise<CommandDatabase> {
  if (config.databaseUrl !== null) {
    return { url: config.databaseUrl, where: 'DATABASE_URL', release: async () => undefined };
  }
  const pg = await startEmbeddedPostgres({ dataDir: config.dataDir, purpose });
  return {
    url: pg.url,
    where: `the embedded database in ${config.dataDir}`,
    release: () => pg.stop(),
  };
}

/**
 * Opens the database the server would use — `DATABASE_URL`, or the embedded PostgreSQL in
 * `GONGKAI_DATA_DIR` (started here, migrated, stopped on close) — and the application's services.
 * A server already running on that data folder is left alone: the command stops with a reason.
 */
export async function openCliApp(env: NodeJS.ProcessEnv): Promise<CliApp> {
  let config: AppConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError)
      throw new CliError(`invalid configuration: ${error.problems.join('; ')}`);
    throw error;
  }
  let database: CommandDatabase;
  try {
    database = await startCommandDatabase(config, 'cli');
  } catch (error) {
    // The data folder's lock refuses while a server owns the folder, naming it.
    if (error instanceof DataDirLockedError) throw new CliError(error.message);
    throw error;
  }
  let dataSource: DataSource | null = null;
  try {
    dataSource = await openDatabase(database.url);
    const app = await NestFactory.createApplicationContext(CliModule.register(config, dataSource), {
      logger: false,
    });
    const opened = dataSource;
    return {
      app,
      dataSource: opened,
      config,
      async close() {
        await app.close().catch(() => undefined);
        if (opened.isInitialized) await opened.destroy().catch(() => undefined);
        await database.release();
      },
    };
  } catch (error) {
    if (dataSource?.isInitialized) await dataSource.destroy().catch(() => undefined);
    await database.release();
    throw error;
  }
}
