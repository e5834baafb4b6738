import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/config/config';
import { MailDeliveryService } from '../src/modules/notifications/mail-delivery.service';
import { RemindersService, reminderStep } from '../src/modules/notifications/reminders.service';
import { createTestApp, type TestApp } from './test-app';
import { eventually, startSmtp } from './support/smtp';
import {
  act,
  buildWorld,
  codeOf,
  gqlOk,
  submitted,
  type UserKey,
  type World,
} from './support/world';
import { inbox, kindsOf, mailOf, noonAfter, REMIND, SETTINGS } from './support/notifications';

describe('notifications', () => {
  let app: TestApp;
  let w: World;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await createTestApp({
      env: {
        GONGKAI_JOBS: 'true',
        SMTP_URL: smtp.url,
        GONGKAI_MAIL_FROM: 'gongkai@example.org',
        GONGKAI_PUBLIC_URL: 'https://gongkai.example.org/',
        GONGKAI_MAIL_RETRIES: '1',
        GONGKAI_MAIL_RETRY_SECONDS: '1',
      },
    });
    w = await buildWorld(app);
    for (const who of ['bureauA1', 'bureauA2', 'bureauB1', 'reviewer'] as const) {
      const res = await gqlOk<{ updateNotificationSettings: { email: string } }>(
        app,
        SETTINGS,
        { i: { email: mailOf(w, who) } },
        w.cookie[who],
      );
      expect(res.updateNotificationSettings.email).toBe(mailOf(w, who));
    }
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await smtp?.stop();
  });

  const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
  const deliveries = () =>
    app.dataSource.query(
      'SELECT recipient, status, attempts, last_error FROM mail_deliveries ORDER BY created_at',
    ) as Promise<{ recipient: string; status: string; attempts: number; last_error: string }[]>;
  const settle = async () =>
    eventually('every e-mail delivered or failed', deliveries, (rows) =>
      rows.every((r) => r.status === 'SENT' || r.status === 'FAILED'),
    );

  it('tells the bureau that its report was returned, in the inbox and once by e-mail with the reason and the link', async () => {
    const s = await submitted(w, 'bureauA1', w.org.deptA1.id, '甲县科学技术局', 21);
    const returned = await act(
      w,
      'reviewer',
      'returnSubmission',
      { submissionId: s.id, expectedRevision: s.revision, reason: '第三部分数字与正文不符' },
      'ReturnSubmissionInput',
    );
    expect(codeOf(returned)).toBe('OK');

    const box = await inbox(w, 'bureauA1');
    const note = box.notifications.edges.find((e) => e.node.kind === 'RETURNED')!.node;
    expect(note.link).toBe(`/submissions/${s.id}`);
    expect(note.params.reason).toBe('第三部分数字与正文不符');
    expect(box.unreadNotificationCount).toBeGreaterThan(0);
    // nobody else in the body's scope but its own accounts
    expect(kindsOf(await inbox(w, 'bureauB1'))).not.toContain('RETURNED');

    await eventually(
      'the returned e-mail',
      () => mailsTo(mailOf(w, 'bureauA1')),
      (m) => m.some((x) => x.subject.includes('退回')),
    );
    await settle();
    await new Promise((r) => setTimeout(r, 1500)); // nothing more arrives
    const mails = mailsTo(mailOf(w, 'bureauA1')).filter((m) => m.subject.includes('退回'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.from).toBe('gongkai@example.org');
    expect(mails[0]!.subject).toContain('甲县科学技术局');
    expect(mails[0]!.body).toContain('第三部分数字与正文不符');
    expect(mails[0]!.body).toContain(`https://gongkai.example.org/submissions/${s.id}`);
    expect(smtp.received.filter((m) => m.subject.includes('退回')).flatMap((m) => m.to)).toEqual([
      mailOf(w, 'bureauA1'),
    ]);

    // resubmitting tells the reviewers above (not the bureau's peers)
    const d = await gqlOk<{ submission: { revision: number } }>(
      app,
      'query($id: ID!) { submission(id: $id) { revision } }',
      { id: s.id },
      w.cookie.bureauA1,
    );
    const again = await act(
      w,
      'bureauA1',
      'submitSubmission',
      { submissionId: s.id, expectedRevision: d.submission.revision, reply: '已按意见修改' },
      'SubmitInput',
    );
    expect(codeOf(again)).toBe('OK');
    const reviewerBox = await inbox(w, 'reviewer');
    const waiting = reviewerBox.notifications.edges.find((e) => e.node.kind === 'RESUBMITTED');
    expect(waiting?.node.link).toBe(`/review/${s.id}`);
    expect(kindsOf(await inbox(w, 'bureauA2'))).not.toContain('RESUBMITTED');
  });

  it('queues again an unsent e-mail whose job was lost, once, and sends it', async () => {
    await settle();
    const [row] = (await app.dataSource.query(
      `SELECT id, recipient, subject FROM mail_deliveries WHERE status = 'SENT' ORDER BY created_at LIMIT 1`,
    )) as { id: string; recipient: string; subject: string }[];
    expect(row).toBeDefined();
    const sentBefore = smtp.received.filter((m) => m.subject === row!.subject).length;
    // as after a restore without the job queue: the delivery waits, no job will send it
    await app.dataSource.query(
      `UPDATE mail_deliveries SET status = 'PENDING', sent_at = NULL, updated_at = now() - interval '1 hour' WHERE id = $1`,
      [row!.id],
    );
    const notifications = app.app.get(MailDeliveryService);
    expect(await notifications.requeueStranded()).toBe(1);
    // its job now exists: a second sweep queues nothing more
    expect(await notifications.requeueStranded()).toBe(0);
    await eventually(
      'the stranded e-mail sent again',
      () =>
        app.dataSource.query(`SELECT status FROM mail_deliveries WHERE id = $1`, [
          row!.id,
        ]) as Promise<{ status: string }[]>,
      (r) => r[0]?.status === 'SENT',
    );
    expect(smtp.received.filter((m) => m.subject === row!.subject)).toHaveLength(sentBefore + 1);
    // a delivery that waits for less than the threshold is left to its own job
    await app.dataSource.query(
      `UPDATE mail_deliveries SET status = 'PENDING', updated_at = now() WHERE id = $1`,
      [row!.id],
    );
    expect(await notifications.requeueStranded()).toBe(0);
    await app.dataSource.query(`UPDATE mail_deliveries SET status = 'SENT' WHERE id = $1`, [
      row!.id,
    ]);
  });

  it('marks one or all notifications read, only the caller’s own', async () => {
    const before = await inbox(w, 'bureauA1');
    expect(before.unreadNotificationCount).toBeGreaterThan(0);
    const first = before.notifications.edges[0]!.node.id;
    const other = await gqlOk<{ markNotificationsRead: number }>(
      app,
      'mutation($i: MarkNotificationsReadInput!) { markNotificationsRead(input: $i) }',
      { i: { ids: [first] } },
      w.cookie.bureauA2,
    );
    expect(other.markNotificationsRead).toBe(0);
    const one = await gqlOk<{ markNotificationsRead: number }>(
      app,
      'mutation($i: MarkNotificationsReadInput!) { markNotificationsRead(input: $i) }',
      { i: { ids: [first] } },
      w.cookie.bureauA1,
    );
    expect(one.markNotificationsRead).toBe(1);
    expect((await inbox(w, 'bureauA1')).unreadNotificationCount).toBe(
      before.unreadNotificationCount - 1,
    );
    await gqlOk(app, 'mutation { markNotificationsRead(input: {}) }', {}, w.cookie.bureauA1);
    expect((await inbox(w, 'bureauA1')).unreadNotificationCount).toBe(0);
  });

  it('催报: reminds the chosen bodies once each, with the message, and skips them within the quiet period', async () => {
    const tooLong = await app.graphql(
      REMIND,
      {
        i: {
          roundId: w.round2023.id,
          organizationIds: [w.org.deptA2.id],
          message: '请'.repeat(501),
        },
      },
      w.cookie.reviewer,
    );
    expect(codeOf(tooLong)).toBe('BAD_USER_INPUT');
    expect(tooLong.errors![0]!.extensions!.reason).toBe('notification.messageTooLong');
    expect(kindsOf(await inbox(w, 'bureauA2'))).not.toContain('REMINDER');

    const bodies = [w.org.deptA2.id, w.org.deptB1.id];
    const sent = await gqlOk<{ remindBodies: { reminded: number; skippedQuiet: number } }>(
      app,
      REMIND,
      { i: { roundId: w.round2023.id, organizationIds: bodies, message: '请于本周内报送' } },
      w.cookie.reviewer,
    );
    expect(sent.remindBodies).toMatchObject({ reminded: 2, skippedQuiet: 0 });
    const again = await gqlOk<{ remindBodies: { reminded: number; skippedQuiet: number } }>(
      app,
      REMIND,
      { i: { roundId: w.round2023.id, organizationIds: bodies } },
      w.cookie.reviewer,
    );
    expect(again.remindBodies).toMatchObject({ reminded: 0, skippedQuiet: 2, quietHours: 24 });

    for (const who of ['bureauA2', 'bureauB1'] as const) {
      const box = await inbox(w, who);
      const reminders = box.notifications.edges.filter((e) => e.node.kind === 'REMINDER');
      expect(reminders).toHaveLength(1);
      expect(reminders[0]!.node.params.message).toBe('请于本周内报送');
      await eventually(
        'the 催报 e-mail',
        () => mailsTo(mailOf(w, who)),
        (m) => m.some((x) => x.subject.includes('催报')),
      );
    }
    await settle();
    await new Promise((r) => setTimeout(r, 1500));
    const cuibao = smtp.received.filter((m) => m.subject.includes('催报'));
    expect(cuibao.flatMap((m) => m.to).sort()).toEqual(
      [mailOf(w, 'bureauA2'), mailOf(w, 'bureauB1')].sort(),
    );
    expect(cuibao.every((m) => m.body.includes('请于本周内报送'))).toBe(true);
    const audit: { n: string }[] = await app.dataSource.query(
      `SELECT count(*) AS n FROM audit_events WHERE action = 'notification.remind' AND organization_id = ANY($1::uuid[])`,
      [bodies],
    );
    expect(Number(audit[0]!.n)).toBe(2);

    // a county reviewer may not remind a body of another county; a bureau may not remind at all
    const outside = await app.graphql(
      REMIND,
      { i: { roundId: w.round2023.id, organizationIds: [w.org.deptB1.id] } },
      w.cookie.reviewerA,
    );
    expect(codeOf(outside)).toBe('NOT_FOUND');
    const bureau = await app.graphql(
      REMIND,
      { i: { roundId: w.round2023.id, organizationIds: [w.org.deptA2.id] } },
      w.cookie.bureauA1,
    );
    expect(codeOf(bureau)).toBe('FORBIDDEN');
  });

  it('refuses a malformed e-mail address naming it, and keeps the one set before', async () => {
    const res = await app.graphql(SETTINGS, { i: { email: 'not an address@' } }, w.cookie.bureauA2);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.reason).toBe('notification.emailInvalid');
    expect(res.errors![0]!.extensions!.field).toBe('input.email');
    const s = await gqlOk<{ notificationSettings: { email: string } }>(
      app,
      '{ notificationSettings { email } }',
      {},
      w.cookie.bureauA2,
    );
    expect(s.notificationSettings.email).toBe(mailOf(w, 'bureauA2'));
  });

  it('refuses an SMTP_URL that is not a URL at startup, naming the variable', () => {
    expect(() =>
      loadConfig({ SMTP_URL: 'mail.example.org', GONGKAI_MAIL_FROM: 'a@b.org' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ SMTP_URL: 'mail.example.org' });
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/SMTP_URL must be a URL/);
      expect(problems).toMatch(/GONGKAI_MAIL_FROM must be set/);
    }
  });

  it('sends due-soon and overdue reminders once per body and step, none after the body submits', async () => {
    const reminders = app.app.get(RemindersService);
    const deadline = w.round2023.departmentDeadline;
    expect(reminderStep(deadline, deadline)).toBe('due1');
    // bureauA1 has submitted; bureauA2 and bureauB1 have not
    await reminders.runScheduled(noonAfter(deadline, -3));
    await reminders.runScheduled(noonAfter(deadline, -3));
    for (const who of ['bureauA2', 'bureauB1'] as const) {
      const due = (await inbox(w, who)).notifications.edges.filter(
        (e) => e.node.kind === 'DUE_SOON' && e.node.params.year === 2023,
      );
      expect(due).toHaveLength(1);
      expect(due[0]!.node.params).toMatchObject({ deadline, days: 3 });
    }
    expect(
      (await inbox(w, 'bureauA1')).notifications.edges.filter((e) => e.node.kind === 'DUE_SOON'),
    ).toHaveLength(0);
    await reminders.runScheduled(noonAfter(deadline, 1));
    await reminders.runScheduled(noonAfter(deadline, 2));
    const overdue = (await inbox(w, 'bureauB1')).notifications.edges.filter(
      (e) => e.node.kind === 'OVERDUE' && e.node.params.year === 2023,
    );
    expect(overdue).toHaveLength(1);
    await eventually(
      'the overdue e-mail',
      () => mailsTo(mailOf(w, 'bureauB1')),
      (m) => m.some((x) => x.subject.includes('逾期') && x.subject.includes('2023')),
    );
    await eventually(
      'the due-soon e-mail',
      () => mailsTo(mailOf(w, 'bureauA2')).filter((m) => m.subject.includes('还有 3 天')),
      (m) => m.length > 0,
    );
    await settle();
    await new Promise((r) => setTimeout(r, 1500));
    const subjects = (who: UserKey, ...parts: string[]) =>
      mailsTo(mailOf(w, who)).filter((m) => parts.every((p) => m.subject.includes(p)));
    expect(subjects('bureauA2', '2023 年度', '还有 3 天')).toHaveLength(1);
    // one overdue e-mail per round in which the body is late (2022 and 2023), never two
    expect(subjects('bureauB1', '2023 年度', '逾期')).toHaveLength(1);
    expect(subjects('bureauB1', '2022 年度', '逾期')).toHaveLength(1);
    // deptA1 submitted its 2023 report: no 2023 reminder at all
    expect(subjects('bureauA1', '2023 年度', '逾期')).toHaveLength(0);
    expect(subjects('bureauA1', '2023 年度', '截止')).toHaveLength(0);
  });

  it('logs a refusing or vanished SMTP server as retried and failed, and the user action and in-app notification stand', async () => {
    smtp.refuse.on = true;
    const s = await submitted(w, 'bureauA2', w.org.deptA2.id, '甲县教育局', 22);
    const returned = await act(
      w,
      'reviewer',
      'returnSubmission',
      { submissionId: s.id, expectedRevision: s.revision, reason: '请补充说明' },
      'ReturnSubmissionInput',
    );
    expect(codeOf(returned)).toBe('OK');
    expect(kindsOf(await inbox(w, 'bureauA2'))).toContain('RETURNED');
    const rows = await eventually('the refused e-mail to fail', deliveries, (r) =>
      r.some((d) => d.status === 'FAILED' && d.recipient === mailOf(w, 'bureauA2')),
    );
    const failed = rows.find((d) => d.status === 'FAILED')!;
    expect(failed.attempts).toBe(2);
    expect(failed.last_error).toMatch(/451/);
    smtp.refuse.on = false;

    const log = await gqlOk<{
      mailDeliveries: { edges: { node: { status: string; lastError: string | null } }[] };
      jobsStatus: { running: boolean; queues: { name: string; schedule: string | null }[] };
    }>(
      app,
      '{ mailDeliveries(first: 50) { edges { node { status lastError } } } jobsStatus { running queues { name schedule } } }',
      {},
      w.cookie.admin,
    );
    expect(log.mailDeliveries.edges.some((e) => e.node.status === 'FAILED')).toBe(true);
    expect(log.jobsStatus.running).toBe(true);
    expect(log.jobsStatus.queues.map((q) => q.name).sort()).toEqual([
      'import-batch',
      'mail-send',
      'mail-sweep',
      'peer-keys-backfill',
      'ranking-freeze',
      'ranking-input-refs-fill',
      'ranking-result-points-fill',
      'ranking-results-fill',
      'reminders-scan',
      'scoring-inputs-backfill',
    ]);
    // every queue is named in both languages on the page that lists them
    for (const catalogue of ['messages.zh-CN.ts', 'messages.en.ts']) {
      const messages = readFileSync(
        join(__dirname, '..', '..', 'web', 'src', 'app', catalogue),
        'utf8',
      );
      for (const q of log.jobsStatus.queues) expect(messages).toContain(`'jobs.queue.${q.name}':`);
    }

    // the SMTP server disappears: the return still succeeds, the notification is there, and the
    // e-mail ends failed with the connection error after its retry
    await smtp.stop();
    const s2 = await submitted(w, 'bureauB1', w.org.deptB1.id, '乙县科学技术局', 23);
    const returned2 = await act(
      w,
      'reviewer',
      'returnSubmission',
      { submissionId: s2.id, expectedRevision: s2.revision, reason: '附件缺失' },
      'ReturnSubmissionInput',
    );
    expect(codeOf(returned2)).toBe('OK');
    const box = await inbox(w, 'bureauB1');
    expect(
      box.notifications.edges.some(
        (e) => e.node.kind === 'RETURNED' && e.node.link === `/submissions/${s2.id}`,
      ),
    ).toBe(true);
    const gone = await eventually('the e-mail to a vanished server to fail', deliveries, (r) =>
      r.some((d) => d.status === 'FAILED' && d.recipient === mailOf(w, 'bureauB1')),
    );
    const lost = gone.find((d) => d.status === 'FAILED' && d.recipient === mailOf(w, 'bureauB1'))!;
    expect(lost.attempts).toBe(2);
    expect(lost.last_error).toMatch(/ECONNREFUSED|connect/i);
  }, 60_000);
});
