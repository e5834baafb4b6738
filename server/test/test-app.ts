import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { type BootHooks, type RunningServer, startServer } from '../src/boot';
import { loadConfig } from '../src/config/config';
import { demoBootHook } from '../src/demo/demo-seed';
import { dropDatabase } from './support/fresh-database';

export type TestApp = RunningServer & {
  databaseUrl: string;
  /** The origin supertest's requests are addressed to (`http://127.0.0.1:<port>`). */
  origin: string;
  /** POST /graphql with an optional session cookie; returns the parsed body. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    cookie?: string,
  ): Promise<{
    data?: T;
    errors?: { message: string; extensions?: Record<string, unknown>; path?: string[] }[];
  }>;
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
};

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Boot hooks that seed the demo data after the migrations, on the demo's clock `now` if given. */
export function demoDataHooks(now?: () => Date): BootHooks {
  return {
    afterMigrations: async (dataSource, config) => {
      await demoBootHook(dataSource, { ...config, demoData: true }, now);
    },
  };
}

/**
 * Boots the real application on a fresh database of the run's PostgreSQL (created here, migrated
 * by the normal boot path, dropped on close) and a random free port.
 */
export async function createTestApp(
  options: { env?: Record<string, string>; hooks?: BootHooks } = {},
): Promise<TestApp> {
  const adminUrl = process.env.GONGKAI_TEST_ADMIN_URL;
  if (!adminUrl)
    throw new Error(
      'GONGKAI_TEST_ADMIN_URL is not set: run the server tests through jest.config.js',
    );
  const database = `test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const databaseUrl = withDatabase(adminUrl, database);
  const dataDir = await mkdtemp(join(tmpdir(), 'gongkai-files-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    GONGKAI_DATA_DIR: dataDir,
    GONGKAI_DEMO_DATA: 'false',
    // the job queue (pg-boss) only where a test asks for it: it is not needed elsewhere
    GONGKAI_JOBS: 'false',
    ...options.env,
  });
  const server = await startServer({ ...config, port: 0 }, options.hooks);
  const httpServer = server.app.getHttpServer();
  // supertest addresses the server as 127.0.0.1:<port>. Writes carry that Origin, as a browser
  // on one of the app's pages sends it; tests of cross-site requests override or unset it.
  const address = httpServer.address();
  const sameOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const http = (): ReturnType<typeof request> => {
    const agent = request(httpServer);
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      const send = agent[method].bind(agent);
      agent[method] = (url: string) => send(url).set('origin', sameOrigin);
    }
    return agent;
  };
  return {
    ...server,
    databaseUrl,
    origin: sameOrigin,
    http,
    async graphql(query, variables, cookie) {
      const req = request(httpServer).post('/graphql').set('content-type', 'application/json');
      if (cookie) req.set('cookie', cookie);
      const res = await req.send({ query, variables });
      return res.body;
    },
    async close() {
      await server.stop();
      const cleanup = new Client({ connectionString: adminUrl });
      await cleanup.connect();
      await dropDatabase(cleanup, database);
      await cleanup.end();
    },
  };
}

/**
 * A second server process on the same database as `app` (no demo data, files in a fresh
 * folder), with or without the job queue: to show that processes share no state.
 */
export async function startSecondProcess(
  app: TestApp,
  options: { jobs: boolean },
): Promise<RunningServer> {
  return startServer({
    ...loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: app.databaseUrl,
      GONGKAI_DATA_DIR: await mkdtemp(join(tmpdir(), 'gongkai-files-')),
      GONGKAI_DEMO_DATA: 'false',
      GONGKAI_JOBS: options.jobs ? 'true' : 'false',
    }),
    port: 0,
  });
}
