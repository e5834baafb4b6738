// Navigation in Debian Chromium against the real server and demo data: a signed-out visitor is
// sent to sign in and brought back, an unknown address shows the app's own 404, a role without a
// page's permission reads why, and the demo bureau finds an editable report in the round being
// collected (the demo is dated relative to today) and saves it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BASE_URL, graphql, launch, RESULTS, signIn } from './browser.mjs';

let browser;
const shot = (page, name) =>
  page.screenshot({ path: join(RESULTS, `navigation-${name}.png`), fullPage: true });
const NATURAL = '#field-applications-newReceived-natural';

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

test('a signed-out visitor of /ranking signs in as the supervisor and lands on /ranking', async () => {
  const { context, page, errors } = await newPage();
  await page.goto(`${BASE_URL}/ranking?peer=x`);
  await page.waitForURL(/\/signin\?next=/);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('next'), '/ranking?peer=x');
  assert.match(await page.innerText('[data-testid="signin-next"]'), /登录后将回到/);
  await page.fill('input[name=username]', 'demo-supervisor');
  await page.fill('input[name=password]', 'gongkai-demo');
  await page.click('form button[type=submit]');
  await page.waitForURL((u) => u.pathname === '/ranking');
  assert.equal(new URL(page.url()).searchParams.get('peer'), 'x');
  await page.waitForSelector('h1:has-text("排名")');
  assert.equal(await page.locator('[data-testid="access-denied"]').count(), 0);
  // a next that leaves the site is ignored: signed in, it goes home
  await page.goto(`${BASE_URL}/signin?next=${encodeURIComponent('//evil.example/x')}`);
  await page.waitForURL((u) => u.pathname === '/');
  assert.equal(new URL(page.url()).host, new URL(BASE_URL).host);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an unknown address shows the app’s own 404 in Chinese with a way home', async () => {
  const { context, page, errors } = await newPage();
  await page.goto(`${BASE_URL}/no-such-page`);
  await page.waitForSelector('[data-testid="not-found"]');
  const text = await page.innerText('main');
  assert.match(text, /找不到这个页面/);
  assert.doesNotMatch(
    await page.innerText('body'),
    /Hey developer|Unexpected Application Error|404 Not Found/,
  );
  await shot(page, 'not-found');
  await page.click('[data-testid="not-found"] a:has-text("返回首页")');
  await page.waitForURL((u) => u.pathname === '/');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the bureau opening /ranking reads the Chinese permission sentence', async () => {
  const { context, page, errors } = await newPage();
  await signIn(page, 'demo-bureau');
  // no link to pages the role cannot use
  assert.equal(await page.locator('header nav a[href="/ranking"]').count(), 0);
  await page.goto(`${BASE_URL}/ranking`);
  await page.waitForSelector('[data-testid="access-denied"]');
  assert.match(await page.innerText('main'), /您的账号没有查看排名的权限/);
  assert.doesNotMatch(await page.innerText('main'), /ranking\.read|FORBIDDEN/);
  await shot(page, 'access-denied');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the bureau finds an editable report in the round being collected and saves it', async () => {
  const { context, page, errors } = await newPage();
  const gql = graphql(context);
  await signIn(page, 'demo-bureau');
  const { me } = await gql('{ me { user { organizationId } } }');
  const { rounds } = await gql(
    'query($o: ID!) { rounds(forOrganizationId: $o) { id year status } }',
    { o: me.user.organizationId },
  );
  const current = rounds[0];
  assert.equal(current.status, 'OPEN', 'the newest round of the bureau is open');
  await page.waitForSelector('[data-testid="bureau-rounds"]');
  await shot(page, 'bureau-home');
  const row = page
    .locator('[data-testid="bureau-rounds"] tbody tr', { hasText: String(current.year) })
    .first();
  await row.getByRole('button', { name: '继续填报' }).click();
  await page.waitForURL(/\/submissions\//);
  const submissionId = page.url().split('/').pop();
  const read = () =>
    gql('query($id: ID!) { submission(id: $id) { status versionCount roundId } }', {
      id: submissionId,
    });
  const before = (await read()).submission;
  assert.equal(before.roundId, current.id);
  assert.ok(['DRAFT', 'RETURNED'].includes(before.status), before.status);
  await page.waitForSelector(NATURAL);
  const value = Number((await page.inputValue(NATURAL)) || 0) + 1;
  await page.fill(NATURAL, String(value));
  await page.click('button:has-text("保存")');
  let after = before;
  for (let i = 0; i < 50 && after.versionCount === before.versionCount; i++) {
    await page.waitForTimeout(200);
    after = (await read()).submission;
  }
  assert.equal(after.versionCount, before.versionCount + 1, 'the save wrote a version');
  assert.equal(after.status, before.status);
  assert.equal(await page.inputValue(NATURAL), String(value));
  assert.deepEqual(errors, []);
  await context.close();
});
