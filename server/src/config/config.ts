import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

/** The development secret; production refuses to start with it. */
export const DEVELOPMENT_SECRET = 'gongkai-development-secret-do-not-use-in-production';

export type AppConfig = {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Where the embedded database and uploaded files live. */
  dataDir: string;
  /** External PostgreSQL; when absent an embedded PostgreSQL is started in `dataDir`. */
  databaseUrl: string | null;
  /** Signs session tokens. */
  secret: string;
  /** Load the demo dataset into an empty database. */
  demoData: boolean;
  /** Lifetime of a sign-in session (minutes). */
  sessionMinutes: number;
  /** Largest accepted report upload (bytes). */
  maxUploadBytes: number;
  /** Folder with real published reports imported into the demo dataset, when present. */
  seedReportsDir: string | null;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Built web app to serve, or null when it has not been built. */
  webDistDir: string | null;
  repoRoot: string;
  /**
   * Other origins (scheme://host[:port]) whose pages may send cookie-authenticated REST writes,
   * besides the origin the request was addressed to (a reverse proxy under another name).
   */
  allowedOrigins: readonly string[];
  /**
   * Express `trust proxy`: which proxies' X-Forwarded-For/-Proto/-Host to believe (the client
   * address for sign-in throttling, TLS for HSTS, the origin for the CSRF check).
   */
  trustProxy: TrustProxy;
  /** Time budget of one GraphQL request (ms); past it the request is stopped. */
  requestMillis: number;
  /** Cost budget of one GraphQL request (organization-rows; see common/request-budget.ts). */
  requestCost: number;
  /** Notifications: e-mail, background jobs and reminders (modules/notifications). */
  notifications: NotificationsConfig;
};

export type NotificationsConfig = {
  /** `smtp://user:pass@host:port` or `smtps://…`; null: in-app notifications only. */
  smtpUrl: string | null;
  /** Sender address of the e-mails (required with SMTP_URL). */
  mailFrom: string | null;
  /** Origin of the web app for links in e-mails; null: the origin of the request, else the server's URL. */
  publicUrl: string | null;
  /** A body is not reminded (催报) again within this many hours. */
  remindQuietHours: number;
  /** Run the job queue (pg-boss: e-mail sending, hourly reminders) in this process. */
  jobs: boolean;
  /** Attempts after the first failed one, and the first back-off (seconds, doubled each time). */
  mailRetries: number;
  mailRetrySeconds: number;
};

/** `false` (the default), `true`, a number of hops, or addresses / subnets / named ranges. */
export type TrustProxy = boolean | number | readonly string[];

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
  }
}

/** Walks up from this file to the folder holding pnpm-workspace.yaml. */
export function findRepoRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(resolve(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535 (0: any free port)')
    .max(65535, 'must be between 0 and 65535 (0: any free port)')
    .default(3000),
  GONGKAI_DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  GONGKAI_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  GONGKAI_DEMO_DATA: booleanString.optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  GONGKAI_SESSION_MINUTES: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(5, 'must be between 5 and 1440')
    .max(1440, 'must be between 5 and 1440')
    .default(120),
  GONGKAI_MAX_UPLOAD_MB: z.coerce
    .number({ message: 'must be a number' })
    .min(1, 'must be between 1 and 100')
    .max(100, 'must be between 1 and 100')
    .default(20),
  GONGKAI_SEED_REPORTS_DIR: z.string().min(1).optional(),
  GONGKAI_ALLOWED_ORIGINS: z
    .string()
    .transform((v, ctx) => parseOrigins(v, ctx))
    .optional(),
  GONGKAI_TRUST_PROXY: z
    .string()
    .transform((v, ctx) => parseTrustProxy(v, ctx))
    .optional(),
  GONGKAI_REQUEST_SECONDS: z.coerce
    .number({ message: 'must be a number' })
    .min(0.1, 'must be between 0.1 and 600')
    .max(600, 'must be between 0.1 and 600')
    .default(30),
  GONGKAI_REQUEST_COST: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(3_000_000),
  SMTP_URL: z
    .string()
    .refine(
      (v) => URL.canParse(v) && ['smtp:', 'smtps:'].includes(new URL(v).protocol),
      'must be a URL like smtp://user:password@mail.example.org:587 or smtps://…',
    )
    .optional(),
  GONGKAI_MAIL_FROM: z
    .string()
    .regex(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/, 'must be an e-mail address like gongkai@example.org')
    .optional(),
  GONGKAI_PUBLIC_URL: z
    .string()
    .refine(
      (v) => URL.canParse(v) && ['http:', 'https:'].includes(new URL(v).protocol),
      'must be an http(s) URL like https://gongkai.example.gov.cn',
    )
    .optional(),
  GONGKAI_REMIND_QUIET_HOURS: z.coerce
    .number({ message: 'must be a number' })
    .min(0, 'must be between 0 and 720')
    .max(720, 'must be between 0 and 720')
    .default(24),
  GONGKAI_JOBS: booleanString.optional(),
  GONGKAI_MAIL_RETRIES: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 10')
    .max(10, 'must be between 0 and 10')
    .default(4),
  GONGKAI_MAIL_RETRY_SECONDS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 3600')
    .max(3600, 'must be between 1 and 3600')
    .default(60),
});

/** `https://a.example,https://b.example:8443` → the origins; anything else is a problem. */
function parseOrigins(value: string, ctx: z.RefinementCtx): string[] {
  const origins: string[] = [];
  for (const part of value.split(',').map((p) => p.trim())) {
    if (part === '') continue;
    const url = URL.canParse(part) ? new URL(part) : null;
    if (
      !url ||
      !['http:', 'https:'].includes(url.protocol) ||
      url.origin !== part.replace(/\/$/, '')
    ) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a comma-separated list of origins like https://gongkai.example.gov.cn (no path); "${part}" is not one`,
      });
      return [];
    }
    origins.push(url.origin);
  }
  return origins;
}

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** `false`, `true`, a hop count, or a comma-separated list of IPs, subnets and named ranges. */
function parseTrustProxy(value: string, ctx: z.RefinementCtx): TrustProxy {
  const v = value.trim();
  if (['false', '0', 'no'].includes(v)) return false;
  if (['true', 'yes'].includes(v)) return true;
  if (/^[1-9]\d?$/.test(v)) return Number(v);
  const parts = v.split(',').map((p) => p.trim());
  const bad = parts.filter((p) => {
    if (NAMED_RANGES.has(p)) return false;
    const [ip, bits, extra] = p.split('/');
    if (extra !== undefined || !ip || isIP(ip) === 0) return true;
    if (bits === undefined) return false;
    return !/^\d{1,3}$/.test(bits) || Number(bits) > (isIP(ip) === 4 ? 32 : 128);
  });
  if (bad.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `must be false, true, a number of proxies (1–99), or addresses/subnets (10.0.0.1, 10.0.0.0/8, loopback); not ${bad.join(', ')}`,
    });
    return false;
  }
  return parts;
}

/** The seed reports imported into the demo dataset live in test/fixtures/seeds unless configured. */
function seedReportsDir(configured: string | undefined, repoRoot: string): string | null {
  const dir = resolve(configured ?? resolve(repoRoot, 'test', 'fixtures', 'seeds'));
  return existsSync(dir) ? dir : null;
}

/**
 * Parses and validates the environment once, at boot. Every bad variable is listed, not just the
 * first. This is the only place that reads `process.env`.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  const production = cleaned.NODE_ENV === 'production';
  const secret = cleaned.GONGKAI_SECRET;
  if (production && (secret === undefined || secret === DEVELOPMENT_SECRET)) {
    problems.push('GONGKAI_SECRET must be set to a private value of 32+ characters in production');
  }
  if (production && ['true', '1', 'yes'].includes(cleaned.GONGKAI_DEMO_DATA ?? '')) {
    problems.push(
      'GONGKAI_DEMO_DATA is refused in production (demo accounts have public passwords)',
    );
  }
  if (cleaned.SMTP_URL !== undefined && cleaned.GONGKAI_MAIL_FROM === undefined)
    problems.push('GONGKAI_MAIL_FROM must be set (the sender address) when SMTP_URL is set');
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const repoRoot = findRepoRoot();
  const webDist = resolve(repoRoot, 'web', 'dist');
  return {
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir: resolve(e.GONGKAI_DATA_DIR ?? resolve(repoRoot, '.data')),
    databaseUrl: e.DATABASE_URL ?? null,
    secret: e.GONGKAI_SECRET ?? DEVELOPMENT_SECRET,
    demoData: e.GONGKAI_DEMO_DATA ?? (!production && e.DATABASE_URL === undefined),
    logLevel: e.LOG_LEVEL,
    sessionMinutes: e.GONGKAI_SESSION_MINUTES,
    maxUploadBytes: Math.round(e.GONGKAI_MAX_UPLOAD_MB * 1024 * 1024),
    seedReportsDir: seedReportsDir(e.GONGKAI_SEED_REPORTS_DIR, repoRoot),
    webDistDir: existsSync(resolve(webDist, 'index.html')) ? webDist : null,
    repoRoot,
    allowedOrigins: e.GONGKAI_ALLOWED_ORIGINS ?? [],
    trustProxy: e.GONGKAI_TRUST_PROXY ?? false,
    requestMillis: Math.round(e.GONGKAI_REQUEST_SECONDS * 1000),
    requestCost: e.GONGKAI_REQUEST_COST,
    notifications: {
      smtpUrl: e.SMTP_URL ?? null,
      mailFrom: e.GONGKAI_MAIL_FROM ?? null,
      publicUrl: e.GONGKAI_PUBLIC_URL?.replace(/\/+$/, '') ?? null,
      remindQuietHours: e.GONGKAI_REMIND_QUIET_HOURS,
      jobs: e.GONGKAI_JOBS ?? true,
      mailRetries: e.GONGKAI_MAIL_RETRIES,
      mailRetrySeconds: e.GONGKAI_MAIL_RETRY_SECONDS,
    },
  };
}
