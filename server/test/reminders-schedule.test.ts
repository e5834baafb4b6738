import type { RunningServer } from '../src/boot';
import { RemindersService } from '../src/modules/notifications/reminders.service';
import { RoundsService } from '../src/modules/rounds/rounds.service';
import { RoundStatus } from '../src/modules/rounds/round.entity';
import { createTestApp, startSecondProcess, type TestApp } from './test-app';
import { eventually } from './support/smtp';
import { buildWorld, submitted, type World } from './support/world';
import { inbox, kindsOf, noonAfter } from './support/notifications';

/** Scheduled reminders: two server processes on one database, and a round walked day by day. */
describe('scheduled reminders with two server processes on one database', () => {
  let app: TestApp;
  let second: RunningServer;
  let w: World;

  beforeAll(async () => {
    app = await createTestApp({ env: { GONGKAI_JOBS: 'true' } });
    second = await startSecondProcess(app, { jobs: true });
    w = await buildWorld(app);
  }, 60_000);
  afterAll(async () => {
    await second?.stop();
    await app?.close();
  });

  it('sends each reminder exactly once however many processes compute it at once', async () => {
    const deadline = w.round2023.departmentDeadline;
    const at = noonAfter(deadline, -1);
    const a = app.app.get(RemindersService);
    const b = second.app.get(RemindersService);
    const counts = await Promise.all([
      a.runScheduled(at),
      b.runScheduled(at),
      a.runScheduled(at),
      b.runScheduled(at),
    ]);
    expect(counts.reduce((x, y) => x + y, 0)).toBeGreaterThan(0);
    const ledger: { n: string; d: string }[] = await app.dataSource.query(
      `SELECT count(*) AS n, count(DISTINCT (round_id, organization_id, step)) AS d FROM reminder_ledger`,
    );
    expect(ledger[0]!.n).toBe(ledger[0]!.d);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(Number(ledger[0]!.n));
    for (const who of ['bureauA1', 'bureauA2', 'bureauB1'] as const) {
      const due = (await inbox(w, who)).notifications.edges.filter(
        (e) => e.node.kind === 'DUE_SOON' && e.node.params.year === 2023,
      );
      expect(due).toHaveLength(1);
    }
  });

  it('runs the scan as a pg-boss job fetched by one of the two processes', async () => {
    const deadline = w.round2023.departmentDeadline;
    const { JobsService } = await import('../src/jobs/jobs.service');
    await Promise.all([
      app.app
        .get(JobsService)
        .send('reminders-scan', { now: noonAfter(deadline, 1).toISOString() }),
      second.app
        .get(JobsService)
        .send('reminders-scan', { now: noonAfter(deadline, 1).toISOString() }),
    ]);
    const overdue = await eventually(
      'the overdue reminders',
      async () =>
        (await inbox(w, 'bureauA2')).notifications.edges.filter(
          (e) => e.node.kind === 'OVERDUE' && e.node.params.year === 2023,
        ),
      (n) => n.length > 0,
    );
    await new Promise((r) => setTimeout(r, 2500));
    expect(
      (await inbox(w, 'bureauA2')).notifications.edges.filter(
        (e) => e.node.kind === 'OVERDUE' && e.node.params.year === 2023,
      ),
    ).toHaveLength(overdue.length);
    expect(overdue).toHaveLength(1);
  });
});

describe('a round walked day by day from opening to a week after the deadline', () => {
  let app: TestApp;
  let w: World;

  beforeAll(async () => {
    app = await createTestApp();
    w = await buildWorld(app);
  }, 60_000);
  afterAll(() => app?.close());

  it('gives each body that has not submitted 7/3/1-day and overdue reminders once, and none after it submits', async () => {
    const rounds = app.app.get(RoundsService);
    const reminders = app.app.get(RemindersService);
    // only the 2024 round is open for this walk
    for (const r of [w.round2022, w.round2023])
      await rounds.update(
        { ...(await adminActor(app, w)) },
        {
          id: r.id,
          expectedRevision: (await rounds.get(r.id)).revision,
          status: RoundStatus.CLOSED,
        },
      );
    const opened = await rounds.update(await adminActor(app, w), {
      id: w.round2024.id,
      expectedRevision: w.round2024.revision,
      status: RoundStatus.OPEN,
    });
    const deadline = opened.departmentDeadline;
    expect(kindsOf(await inbox(w, 'bureauA1'))).toContain('ROUND_OPENED');
    const log: Record<string, string[]> = { bureauA1: [], bureauA2: [], bureauB1: [] };
    // from 20 days before the deadline to 7 days after, three scans a day
    for (let day = -20; day <= 7; day++) {
      if (day === -2) {
        // deptA2 submits two days before the deadline
        await submitted(w, 'bureauA2', w.org.deptA2.id, '甲县教育局', 31, w.round2024.id, 2024);
      }
      for (const hour of [9, 13, 17])
        await reminders.runScheduled(
          new Date(
            Date.parse(`${deadline}T${String(hour).padStart(2, '0')}:00:00+08:00`) +
              day * 86_400_000,
          ),
        );
    }
    for (const who of ['bureauA1', 'bureauA2', 'bureauB1'] as const) {
      const box = await inbox(w, who);
      log[who] = box.notifications.edges
        .filter((e) => ['DUE_SOON', 'OVERDUE'].includes(e.node.kind))
        .map((e) => `${e.node.kind}:${String(e.node.params.days)}`)
        .reverse();
    }
    expect(log.bureauA1).toEqual(['DUE_SOON:7', 'DUE_SOON:3', 'DUE_SOON:1', 'OVERDUE:-1']);
    expect(log.bureauB1).toEqual(['DUE_SOON:7', 'DUE_SOON:3', 'DUE_SOON:1', 'OVERDUE:-1']);
    expect(log.bureauA2).toEqual(['DUE_SOON:7', 'DUE_SOON:3']);
  }, 120_000);
});

async function adminActor(app: TestApp, w: World) {
  const { AuthService } = await import('../src/modules/auth/auth.service');
  const token = w.cookie.admin.split('=')[1]!;
  const actor = await app.app.get(AuthService).resolve(decodeURIComponent(token));
  if (!actor) throw new Error('admin session not found');
  return actor;
}
