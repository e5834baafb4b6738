// Notifications end to end, against a server of its own (started here like run.mjs starts the
// shared one, but with e-mail on: SMTP_URL points at a real SMTP server, `smtp-server`, running in
// this process). A reviewer returns a report → the bureau's bell shows 1 → its inbox links to the
// form with the reason; 催报 to two missing bodies from the overview → both inboxes and both
// e-mails.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { launch, RESULTS } from './browser.mjs';
import { startServer } from './server-process.mjs';

const PASSWORD = 'e2e-notify-password-2026';

/** A real SMTP server collecting envelopes and raw messages. */
const mails = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      mails.push({
        to: session.envelope.rcptTo.map((r) => r.address),
        raw: Buffer.concat(chunks).toString('utf8'),
      });
      callback();
    });
  },
});

let base;
let server;
let browser;

before(async () => {
  await new Promise((r) => smtp.listen(0, '127.0.0.1', r));
  const smtpPort = smtp.server.address().port;
  server = await startServer({
    prefix: 'gongkai-e2e-notify-',
    env: (url) => ({
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      GONGKAI_MAIL_FROM: 'gongkai@example.org',
      GONGKAI_PUBLIC_URL: url,
    }),
  });
  base = server.url;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((r) => smtp.close(r));
});

/** GraphQL as a user (signed in through the API, its own cookie). */
async function as(username, password = 'gongkai-demo') {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($i: SignInInput!) { signIn(input: $i) { user { id organizationId } } }',
      variables: { i: { username, password } },
    }),
  });
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const me = (await res.json()).data.signIn.user;
  const gql = async (query, variables = {}) => {
    const r = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: base },
      body: JSON.stringify({ query, variables }),
    });
    const body = await r.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  return { gql, me };
}

async function signInPage(username, password) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/signin`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('form button[type=submit]');
  await page.waitForSelector('[data-testid="user-name"]');
  return page;
}

/** A bureau account with an e-mail address for an organization. */
async function bureauAccount(admin, organizationId, name) {
  const username = `e2e-${name}-${Date.now().toString(36)}`;
  await admin.gql('mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }', {
    i: { username, displayName: name, password: PASSWORD, role: 'BUREAU', organizationId },
  });
  const user = await as(username, PASSWORD);
  await user.gql(
    'mutation($i: NotificationSettingsInput!) { updateNotificationSettings(input: $i) { email } }',
    { i: { email: `${username}@example.org` } },
  );
  return { username, email: `${username}@example.org`, ...user };
}

const until = async (what, probe, timeoutMs = 20_000) => {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
};

test('a returned report: the bureau’s bell shows 1, the inbox links to the form with the reason, and one e-mail', async () => {
  const admin = await as('demo-admin');
  const reviewer = await as('demo-reviewer');
  const { rounds } = await reviewer.gql('{ rounds { id year status } }');
  const round = rounds.filter((r) => r.status === 'OPEN').sort((a, b) => b.year - a.year)[0];
  const { submissions } = await reviewer.gql(
    'query($r: ID!) { submissions(roundId: $r, statuses: [SUBMITTED], first: 5) { edges { node { id revision organizationId organization { name } } } } }',
    { r: round.id },
  );
  const target = submissions.edges[0].node;
  const bureau = await bureauAccount(admin, target.organizationId, 'returned');
  await reviewer.gql(
    'mutation($i: ReturnSubmissionInput!) { returnSubmission(input: $i) { status } }',
    {
      i: {
        submissionId: target.id,
        expectedRevision: target.revision,
        reason: '第二部分数字与正文不一致',
      },
    },
  );

  const page = await signInPage(bureau.username, PASSWORD);
  const count = page.locator('[data-testid="unread-count"]');
  await count.waitFor();
  assert.equal(await count.textContent(), '1');
  await page.click('[data-testid="notification-bell"]');
  await page.waitForURL(/\/inbox$/);
  const item = page.locator('[data-testid="inbox-item"]').first();
  await item.waitFor();
  const text = await item.textContent();
  assert.match(text, /已被退回修改/);
  assert.match(text, /第二部分数字与正文不一致/);
  assert.match(text, new RegExp(target.organization.name));
  await page.screenshot({ path: join(RESULTS, 'notifications-inbox.png'), fullPage: true });
  await item.locator('a').click();
  await page.waitForURL(new RegExp(`/submissions/${target.id}$`));
  await until('the bell to clear', async () => (await count.count()) === 0);
  await page.close();

  const mail = await until('the returned e-mail', () =>
    mails.find((m) => m.to.includes(bureau.email)),
  );
  // quoted-printable soft line breaks may split the link: join the lines first
  assert.ok(
    mail.raw.replace(/=\r?\n/g, '').includes(`${base}/submissions/${target.id}`),
    'the e-mail links back to the form',
  );
  await new Promise((r) => setTimeout(r, 2000));
  assert.equal(mails.filter((m) => m.to.includes(bureau.email)).length, 1);
});

test('催报 from the overview to two missing bodies: both inboxes and both e-mails', async () => {
  const admin = await as('demo-admin');
  const reviewer = await as('demo-reviewer');
  const { rounds } = await reviewer.gql('{ rounds { id year status } }');
  const round = rounds.filter((r) => r.status === 'OPEN').sort((a, b) => b.year - a.year)[0];
  const { remindCandidates } = await reviewer.gql(
    'query($r: ID!, $n: ID!) { remindCandidates(roundId: $r, nodeId: $n, first: 50) { edges { node { organizationId name } } } }',
    { r: round.id, n: reviewer.me.organizationId },
  );
  const [a, b] = remindCandidates.edges.map((e) => e.node).filter((n) => !/人民政府/.test(n.name));
  const bureauA = await bureauAccount(admin, a.organizationId, 'remind-a');
  const bureauB = await bureauAccount(admin, b.organizationId, 'remind-b');

  const page = await signInPage('demo-reviewer', 'gongkai-demo');
  await page.goto(`${base}/?round=${round.id}`);
  const card = page.locator('[data-testid="remind-card"]');
  await card.locator('[data-testid="remind-count"]').waitFor();
  for (const body of [a, b]) {
    await card.locator('input[type=search]').fill(body.name);
    const box = page.getByLabel(`选择 ${body.name}`, { exact: true });
    await box.waitFor();
    await box.check();
  }
  await card.locator('[data-testid="remind-message"]').fill('请于本周五前报送年度报告');
  await card.locator('[data-testid="remind-send"]').click();
  const dialog = page.locator('[role="dialog"]');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /2 个单位/);
  await page.screenshot({ path: join(RESULTS, 'notifications-remind-confirm.png') });
  await dialog.locator('[data-testid="remind-confirm"]').click();
  const result = card.locator('[data-testid="remind-result"]');
  await result.waitFor();
  assert.match(await result.textContent(), /已催报 2 个单位/);
  await page.close();

  for (const bureau of [bureauA, bureauB]) {
    const { notifications } = await bureau.gql(
      '{ notifications(first: 10) { edges { node { kind params } } } }',
    );
    const reminders = notifications.edges.filter((e) => e.node.kind === 'REMINDER');
    assert.equal(reminders.length, 1);
    assert.equal(reminders[0].node.params.message, '请于本周五前报送年度报告');
    await until(`the 催报 e-mail to ${bureau.email}`, () =>
      mails.find((m) => m.to.includes(bureau.email)),
    );
  }
  const inboxPage = await signInPage(bureauA.username, PASSWORD);
  await inboxPage.goto(`${base}/inbox`);
  await inboxPage.locator('[data-testid="inbox-item"]').first().waitFor();
  assert.match(await inboxPage.locator('[data-testid="inbox"]').textContent(), /催报/);
  await inboxPage.close();
  await new Promise((r) => setTimeout(r, 2000));
  for (const bureau of [bureauA, bureauB])
    assert.equal(mails.filter((m) => m.to.includes(bureau.email)).length, 1);
});
