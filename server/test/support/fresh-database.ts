import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

/**
 * Drops a test database and ends every session on it. An autovacuum worker on the database is a
 * process a role without superuser rights may not end (PostgreSQL refuses the forced drop with
 * 42501), so the drop is tried again until the worker has moved on.
 */
export async function dropDatabase(admin: Client, name: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '42501' || attempt === 100) throw error;
      await sleep(100);
    }
  }
}

/** A fresh, empty database of the run's PostgreSQL, named `<prefix>_<random>`; `drop` removes it. */
export async function freshDatabase(
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.GONGKAI_TEST_ADMIN_URL!;
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await dropDatabase(c, name);
      await c.end();
    },
  };
}
