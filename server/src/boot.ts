import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { csrfOriginCheck } from './common/csrf.middleware';
import { JsonLogger } from './common/json.logger';
import { securityHeaders } from './common/security-headers';
import { RequestBudget, RequestScope, requestScope } from './common/request-budget';
import type { AppConfig } from './config/config';
import { openDatabase } from './database/database';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from './database/embedded-postgres';
import { SESSION_COOKIE } from './modules/auth';

export class StartupError extends Error {}

export type RunningServer = {
  app: NestExpressApplication;
  url: string;
  dataSource: DataSource;
  embedded: EmbeddedPostgresHandle | null;
  /** Closes HTTP, then the pool, then the embedded cluster. Idempotent. */
  stop(): Promise<void>;
};

export type BootHooks = {
  /** Runs after migrations, before HTTP opens (demo data, for example). */
  afterMigrations?: (dataSource: DataSource, config: AppConfig) => Promise<void>;
  /** Runs once the application is initialised, before HTTP opens (demo rankings, for example). */
  afterInit?: (app: NestExpressApplication) => Promise<void>;
  /** Apply pending migrations (default); a worker of several processes leaves it to its primary. */
  migrate?: boolean;
};

/** Fails before anything starts when the HTTP port is taken. */
async function assertPortFree(host: string, port: number): Promise<void> {
  await new Promise<void>((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        reject(new StartupError(`port ${port} is already in use; set PORT to a free port`));
      else if (error.code === 'EACCES')
        reject(new StartupError(`not allowed to listen on port ${port}; set PORT above 1024`));
      else reject(new StartupError(`cannot listen on ${host}:${port}: ${error.message}`));
    });
    probe.listen(port, host, () => probe.close(() => resolvePort()));
  });
}

/** Body-parser failures (too large, malformed JSON) as the API's error shape, not HTML. */
function bodyErrorHandler(
  error: { type?: string; status?: number; limit?: number } | undefined,
  req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (!error) return next();
  const tooLarge = error.type === 'entity.too.large';
  const status = tooLarge ? 413 : (error.status ?? 400);
  const code = tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_USER_INPUT';
  const message = tooLarge
    ? `request body too large (at most ${Math.round((error.limit ?? 0) / 1024 / 1024)} MB)`
    : 'malformed request body (invalid JSON)';
  const body = req.path.startsWith('/graphql')
    ? { errors: [{ message, extensions: { code } }] }
    : { code, message };
  res.status(status).json(body);
}

const API_PREFIXES = ['/graphql', '/api/', '/health'];

/** Starts the database (embedded unless DATABASE_URL is set), migrates, and opens HTTP. */
export async function startServer(
  config: AppConfig,
  hooks: BootHooks = {},
): Promise<RunningServer> {
  const logger = new JsonLogger(config.nodeEnv === 'test' ? 'warn' : config.logLevel);
  let embedded: EmbeddedPostgresHandle | null = null;
  let dataSource: DataSource | null = null;
  let app: NestExpressApplication | null = null;

  const stop = async (): Promise<void> => {
    if (app) await app.close().catch(() => undefined);
    app = null;
    if (dataSource?.isInitialized) await dataSource.destroy().catch(() => undefined);
    dataSource = null;
    if (embedded) await embedded.stop();
    embedded = null;
  };

  await assertPortFree(config.host, config.port);
  try {
    let url = config.databaseUrl;
    if (url === null) {
      embedded = await startEmbeddedPostgres({
        dataDir: config.dataDir,
        onLog: (line) => logger.write('debug', line, 'postgres'),
      });
      logger.write('info', `embedded PostgreSQL on 127.0.0.1:${embedded.port}`, 'Database', {
        dataDir: embedded.dataDir,
      });
      url = embedded.url;
    }
    dataSource = await openDatabase(url, { migrate: hooks.migrate ?? true });
    if (hooks.afterMigrations) await hooks.afterMigrations(dataSource, config);

    app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, dataSource), {
      logger,
      bufferLogs: false,
    });
    app.set(
      'trust proxy',
      Array.isArray(config.trustProxy) ? [...config.trustProxy] : config.trustProxy,
    );
    app.use(...securityHeaders());
    app.use(cookieParser());
    app.use(
      csrfOriginCheck({ sessionCookie: SESSION_COOKIE, allowedOrigins: config.allowedOrigins }),
    );
    // Reports travel as JSON: a real one is well under 1 MB, so 4 MB is generous; larger bodies
    // are refused before parsing with a clear 413.
    app.useBodyParser('json', { limit: '4mb' });
    app.use(bodyErrorHandler);
    // Every GraphQL request runs under its budget of cost and time (after the body is parsed, so
    // that everything the request does from here on sees it), with its origin for e-mail links.
    const cancelStatements = async (pids: readonly number[]): Promise<void> => {
      await dataSource?.query('SELECT pg_cancel_backend(pid) FROM unnest($1::int[]) AS pid', [
        pids,
      ]);
    };
    app.use('/graphql', (req: Request, res: Response, next: NextFunction) => {
      const budget = new RequestBudget(
        { cost: config.requestCost, millis: config.requestMillis },
        cancelStatements,
      ).start();
      res.once('close', () => budget.stop());
      requestScope.run(new RequestScope(budget, req), next);
    });
    app.disable('x-powered-by');
    // no ETag computed over every answer: GraphQL answers are POSTs, never revalidated, and
    // hashing each body (a page with reports is hundreds of kB) costs CPU on every request;
    // static files keep theirs (serve-static sets its own)
    app.set('etag', false);
    if (config.webDistDir !== null) {
      const indexHtml = join(config.webDistDir, 'index.html');
      app.useStaticAssets(config.webDistDir, { index: false, maxAge: '1h', immutable: false });
      app.use((req: Request, res: Response, next: NextFunction) => {
        const isApi = API_PREFIXES.some(
          (p) => req.path === p.replace(/\/$/, '') || req.path.startsWith(p),
        );
        if (req.method !== 'GET' || isApi) return next();
        res.setHeader('Cache-Control', 'no-cache');
        res.sendFile(indexHtml);
      });
    }
    if (hooks.afterInit) {
      await app.init();
      await hooks.afterInit(app);
    }
    try {
      await app.listen(config.port, config.host);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE')
        throw new StartupError(`port ${config.port} is already in use; set PORT to a free port`);
      if (code === 'EACCES')
        throw new StartupError(`not allowed to listen on port ${config.port}; set PORT above 1024`);
      throw error;
    }
    const host =
      config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address !== null ? address.port : config.port;
    const publicUrl = `http://${host}:${port}`;
    await embedded?.announce(publicUrl);
    return { app, url: publicUrl, dataSource, embedded, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
