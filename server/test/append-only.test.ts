import { Client } from 'pg';
import { createTestApp, type TestApp } from './test-app';
import { buildWorld } from './support/world';

/** The audit trail is append-only in the database itself, for the application's own user. */
describe('append-only tables', () => {
  let app: TestApp;
  let db: Client;

  beforeAll(async () => {
    app = await createTestApp();
    await buildWorld(app); // writes audit events
    // The same URL (and so the same database user) the application connects with.
    db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    await app.close();
  });

  const count = async (): Promise<number> =>
    Number((await db.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n);

  it.each([
    ['UPDATE', `UPDATE audit_events SET action = 'forged'`],
    ['DELETE', 'DELETE FROM audit_events'],
    ['TRUNCATE', 'TRUNCATE audit_events'],
  ])('refuses %s on audit_events', async (_verb, sql) => {
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await expect(db.query(sql)).rejects.toMatchObject({
      code: '23001', // restrict_violation, raised by refuse_change()
      message: 'audit_events rows are immutable',
    });
    expect(await count()).toBe(before);
  });

  it('still accepts new events', async () => {
    const before = await count();
    const org = await db.query('SELECT id FROM organizations LIMIT 1');
    await db.query(
      `INSERT INTO audit_events (organization_id, action, data) VALUES ($1, 'test.append', '{}')`,
      [org.rows[0].id],
    );
    expect(await count()).toBe(before + 1);
  });
});
