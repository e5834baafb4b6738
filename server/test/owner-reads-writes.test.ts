import { auditLookups, writeAuditEvents } from '../src/modules/audit';
import { userLookups } from '../src/modules/auth';
import { NotificationKind, notificationWrites } from '../src/modules/notifications';
import { ignoreRollback, RollbackSignal } from './support/command-lists';
import { useWorld } from './support/suite';
import type { World } from './support/world';
import type { TestApp } from './test-app';

// What the audit, auth and notifications modules hand the demo seed beyond their read views: the
// events of some actions with their reasons and data, the demo accounts, and list commands that
// write notifications and addresses. Each test writes in a transaction it rolls back.
describe('owner reads and list writes used by the demo seed', () => {
  let app: TestApp;
  let w: World;
  useWorld((booted, world) => {
    app = booted;
    w = world;
  });

  const idOf = async (username: string): Promise<string> => {
    const [row] = (await app.dataSource.query('SELECT id FROM users WHERE username = $1', [
      username,
    ])) as { id: string }[];
    return row!.id;
  };

  it('lists the events of the given actions only, oldest first, with reason and data', async () => {
    await app.dataSource
      .transaction(async (manager) => {
        const organizationId = w.org.deptA1.id;
        await writeAuditEvents(manager, null, [
          {
            organizationId,
            roundId: w.round2023.id,
            action: 'test.lookup.second',
            reason: '第二条',
            data: { deadline: '2024-02-01' },
            at: new Date('2030-01-02T00:00:00Z'),
          },
          {
            organizationId,
            action: 'test.lookup.first',
            fromStatus: 'SUBMITTED',
            reason: '第一条',
            at: new Date('2030-01-01T00:00:00Z'),
          },
          { organizationId, action: 'test.lookup.other', at: new Date('2029-12-31T00:00:00Z') },
        ]);
        const rows = await auditLookups.withActions(manager, [
          'test.lookup.first',
          'test.lookup.second',
        ]);
        expect(rows).toEqual([
          expect.objectContaining({
            action: 'test.lookup.first',
            organizationId,
            roundId: null,
            fromStatus: 'SUBMITTED',
            reason: '第一条',
            createdAt: new Date('2030-01-01T00:00:00Z'),
          }),
          expect.objectContaining({
            action: 'test.lookup.second',
            roundId: w.round2023.id,
            reason: '第二条',
            data: { deadline: '2024-02-01' },
            createdAt: new Date('2030-01-02T00:00:00Z'),
          }),
        ]);
        throw new RollbackSignal();
      })
      .catch(ignoreRollback);
  });

  it('lists the demo accounts only, by username, and counts them', async () => {
    await app.dataSource
      .transaction(async (manager) => {
        const before = await userLookups.demoCount(manager);
        const ids = [await idOf(w.username.bureauB1), await idOf(w.username.reviewer)];
        await manager.query('UPDATE users SET is_demo = true WHERE id = ANY($1::uuid[])', [ids]);
        const demo = await userLookups.demo(manager);
        expect(await userLookups.demoCount(manager)).toBe(before + 2);
        expect(demo).toHaveLength(before + 2);
        expect(demo.map((u) => u.username)).toEqual(demo.map((u) => u.username).sort());
        expect(demo.filter((u) => ids.includes(u.id))).toEqual(
          [
            {
              id: ids[0],
              username: w.username.bureauB1,
              role: 'BUREAU',
              organizationId: w.org.deptB1.id,
            },
            {
              id: ids[1],
              username: w.username.reviewer,
              role: 'REVIEWER',
              organizationId: w.org.city.id,
            },
          ].sort((a, b) => a.username.localeCompare(b.username)),
        );
        throw new RollbackSignal();
      })
      .catch(ignoreRollback);
  });

  it('writes notifications as given and addresses only where none is set', async () => {
    await app.dataSource
      .transaction(async (manager) => {
        const bureau = await idOf(w.username.bureauA1);
        const reviewer = await idOf(w.username.reviewer);
        const written = await notificationWrites.insertMany(manager, [
          {
            userId: bureau,
            kind: NotificationKind.RETURNED,
            organizationId: w.org.deptA1.id,
            submissionId: null,
            roundId: w.round2023.id,
            params: { organizationName: w.org.deptA1.name, year: 2023, reason: '表格不平' },
            link: '/',
            readAt: new Date('2030-01-03T00:00:00Z'),
            createdAt: new Date('2030-01-02T00:00:00Z'),
          },
          {
            userId: reviewer,
            kind: NotificationKind.ROUND_OPENED,
            organizationId: w.org.city.id,
            submissionId: null,
            roundId: w.round2023.id,
            params: { year: 2023, scopeName: w.org.city.name },
            link: '/',
            readAt: null,
            createdAt: new Date('2030-01-04T00:00:00Z'),
          },
        ]);
        expect(written).toBe(2);
        expect(await notificationWrites.insertMany(manager, [])).toBe(0);
        const rows = (await manager.query(
          `SELECT user_id, kind, organization_id, round_id, params, link, read_at, created_at
             FROM notifications WHERE user_id = ANY($1::uuid[]) AND created_at >= '2030-01-01'
            ORDER BY created_at`,
          [[bureau, reviewer]],
        )) as Record<string, unknown>[];
        expect(rows).toEqual([
          {
            user_id: bureau,
            kind: 'RETURNED',
            organization_id: w.org.deptA1.id,
            round_id: w.round2023.id,
            params: { organizationName: w.org.deptA1.name, year: 2023, reason: '表格不平' },
            link: '/',
            read_at: new Date('2030-01-03T00:00:00Z'),
            created_at: new Date('2030-01-02T00:00:00Z'),
          },
          {
            user_id: reviewer,
            kind: 'ROUND_OPENED',
            organization_id: w.org.city.id,
            round_id: w.round2023.id,
            params: { year: 2023, scopeName: w.org.city.name },
            link: '/',
            read_at: null,
            created_at: new Date('2030-01-04T00:00:00Z'),
          },
        ]);

        await manager.query('DELETE FROM notification_settings WHERE user_id = ANY($1::uuid[])', [
          [bureau, reviewer],
        ]);
        await notificationWrites.ensureEmails(manager, [
          { userId: bureau, email: 'kept@example.org' },
        ]);
        await notificationWrites.ensureEmails(manager, [
          { userId: bureau, email: 'other@example.org' },
          { userId: reviewer, email: 'reviewer@example.org' },
        ]);
        const settings = (await manager.query(
          `SELECT user_id, email FROM notification_settings WHERE user_id = ANY($1::uuid[])
            ORDER BY email`,
          [[bureau, reviewer]],
        )) as { user_id: string; email: string }[];
        expect(settings).toEqual([
          { user_id: bureau, email: 'kept@example.org' },
          { user_id: reviewer, email: 'reviewer@example.org' },
        ]);
        throw new RollbackSignal();
      })
      .catch(ignoreRollback);
  });
});
