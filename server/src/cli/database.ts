import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type AppConfig, ConfigError, loadConfig } from '../config/config';
import { openDatabase } from '../database/database';
import { DataDirLockedError } from '../database/data-dir-lock';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '../database/embedded-postgres';
import { CliModule } from './cli.module';
import { CliError } from './command';

export type CliApp = {
  readonly app: INestApplicationContext;
  readonly dataSource: DataSource;
  readonly config: AppConfig;
  close(): Promise<void>;
};

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
  let embedded: EmbeddedPostgresHandle | null = null;
  let dataSource: DataSource | null = null;
  try {
    let url = config.databaseUrl;
    if (url === null) {
      // The data folder's lock refuses while a server owns the folder, naming it.
      try {
        embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, purpose: 'cli' });
      } catch (error) {
        if (error instanceof DataDirLockedError) throw new CliError(error.message);
        throw error;
      }
      url = embedded.url;
    }
    dataSource = await openDatabase(url);
    const app = await NestFactory.createApplicationContext(CliModule.register(config, dataSource), {
      logger: false,
    });
    const opened = dataSource;
    const pg = embedded;
    return {
      app,
      dataSource: opened,
      config,
      async close() {
        await app.close().catch(() => undefined);
        if (opened.isInitialized) await opened.destroy().catch(() => undefined);
        await pg?.stop();
      },
    };
  } catch (error) {
    if (dataSource?.isInitialized) await dataSource.destroy().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
}
