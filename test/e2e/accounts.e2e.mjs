/* global document */
// Accounts in Debian Chromium against the real server and demo data: the admin bulk-creates
// bureau accounts for a county and downloads the one-time sheet (read back with exceljs); a new
// bureau signs in with its one-time password, is sent to change it, changes it and lands on its
// home; the admin resets that password (its session ends) and deactivates another account whose
// open session is then sent to sign-in.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { apiSignIn, BASE_URL, graphql, launch, RESULTS, signIn } from './browser.mjs';

const require = createRequire(join(import.meta.dirname, '..', '..', 'server', 'package.json'));
const ExcelJS = require('exceljs');

let browser;
let admin;
let adminPage;
const state = {};
const shot = (page, name) =>
  page.screenshot({ path: join(RESULTS, `accounts-${name}.png`), fullPage: true });

before(async () => {
  browser = await launch();
  admin = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  const gql = graphql(admin);
  await apiSignIn(gql, 'demo-admin');
  // The smallest county of the demo city: every department of it gets an account.
  const { organizations } = await gql(
    `{ organizations(search: "县", first: 100) { edges { node { id name level } } } }`,
  );
  const counties = organizations.edges.map((e) => e.node).filter((o) => o.level === 'COUNTY');
  assert.ok(counties.length > 0, 'the demo data has counties');
  let best = null;
  for (const county of counties) {
    const { bureauAccountsPreview } = await gql(
      `query($s: ID!) { bureauAccountsPreview(scopeOrganizationId: $s) { count } }`,
      { s: county.id },
    );
    if (bureauAccountsPreview.count > 1 && (!best || bureauAccountsPreview.count < best.count))
      best = { ...county, count: bureauAccountsPreview.count };
  }
  assert.ok(best, 'a county has bodies without accounts');
  state.county = best;
  adminPage = await admin.newPage();
  await signIn(adminPage, 'demo-admin');
});

after(async () => {
  await browser?.close();
});

test('the admin bulk-creates bureau accounts for a county and downloads the sheet once', async () => {
  const page = adminPage;
  await page.goto(`${BASE_URL}/admin/accounts`);
  await page.waitForSelector('[data-testid="accounts-table"] tbody tr');
  await page.getByRole('button', { name: '为下级单位批量创建账号' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByPlaceholder('输入单位名称筛选').fill(state.county.name);
  const select = dialog.locator('[data-testid="bulk-scope"] select');
  await page.waitForFunction(
    (id) => !!document.querySelector(`[data-testid="bulk-scope"] option[value="${id}"]`),
    state.county.id,
  );
  await select.selectOption(state.county.id);
  const preview = dialog.getByTestId('bulk-preview');
  await preview.waitFor();
  assert.match(await preview.innerText(), new RegExp(`有 ${state.county.count} 个报送单位`));
  await shot(page, 'bulk-preview');
  await dialog.getByTestId('bulk-confirm').click();
  await dialog.getByTestId('bulk-result').waitFor();
  const rows = await dialog
    .locator('[data-testid="bulk-result"] tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
    );
  assert.equal(rows.length, state.county.count);
  state.accounts = rows.map(([organization, username, password]) => ({
    organization,
    username,
    password,
  }));
  await shot(page, 'bulk-result');

  const [download, handoutRequest] = await Promise.all([
    page.waitForEvent('download'),
    page.waitForRequest((r) => r.url().includes('/api/accounts/handout/')),
    dialog.getByTestId('download-handout').click(),
  ]);
  assert.equal(handoutRequest.method(), 'POST');
  assert.match(download.suggestedFilename(), /账号表.*\.xlsx$/);
  const file = join(RESULTS, 'accounts-handout.xlsx');
  await download.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  assert.match(String(sheet.getCell(1, 1).value), new RegExp(state.county.name));
  assert.equal(sheet.getCell(2, 4).value, '一次性密码');
  const fromSheet = [];
  for (let r = 3; r <= sheet.rowCount; r += 1)
    fromSheet.push([String(sheet.getCell(r, 3).value), String(sheet.getCell(r, 4).value)]);
  assert.deepEqual(fromSheet.sort(), state.accounts.map((a) => [a.username, a.password]).sort());
  await page.waitForFunction(() => {
    const b = document.querySelector('[data-testid="download-handout"]');
    return b && b.disabled && b.textContent.includes('已下载');
  });
  // the sheet is gone after the first download (asked again as the page would, from this origin)
  const again = await admin.request.post(handoutRequest.url(), {
    headers: { origin: new URL(BASE_URL).origin },
  });
  assert.equal(again.status(), 404);
  await dialog.getByRole('button', { name: '完成' }).click();
  await dialog.waitFor({ state: 'detached' });
});

test('a new bureau signs in with its one-time password, must change it, then lands on its home', async () => {
  const account = state.accounts[0];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, account.username, account.password);
  await page.waitForURL(/\/account\/password$/);
  await page.getByTestId('must-change-notice').waitFor();
  await page.goto(`${BASE_URL}/staffing`);
  await page.waitForURL(/\/account\/password$/);
  await shot(page, 'must-change');
  await page.fill('input[name=currentPassword]', account.password);
  await page.fill('input[name=newPassword]', 'bureau-own-pass-2025');
  await page.fill('input[name=repeatPassword]', 'bureau-own-pass-2025');
  assert.equal(await page.locator('.password-rules .rule-met').count(), 4);
  await page.click('form button[type=submit]');
  await page.getByTestId('password-changed').waitFor();
  await page.getByRole('button', { name: '继续' }).click();
  await page.waitForURL(`${BASE_URL}/`);
  await page.getByRole('link', { name: '我的报告' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  state.bureau = { context, page, account };
});

/** The row of exactly this username (others may start with it). */
const accountRow = (page, username) =>
  page.locator('[data-testid="accounts-table"] tbody tr', {
    has: page.locator('td strong', { hasText: new RegExp(`^${username.replace(/[.]/g, '\\.')}$`) }),
  });

test('the admin resets that password (its session ends) and deactivates another signed-in account', async () => {
  const page = adminPage;
  const { page: bureauPage, account } = state.bureau;
  await page.goto(`${BASE_URL}/admin/accounts`);
  await page.getByPlaceholder('用户名、名称或单位').fill(account.username);
  const row = accountRow(page, account.username);
  await row.waitFor();
  await row.getByRole('button', { name: '重置密码' }).click();
  const dialog = page.getByRole('dialog');
  assert.match(await dialog.innerText(), /已登录的会话会立即结束/);
  await dialog.getByTestId('confirm-reset').click();
  const otp = await dialog.getByTestId('one-time-password').innerText();
  assert.match(otp, /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  await shot(page, 'reset');
  await dialog.getByRole('button', { name: '完成' }).click();
  await bureauPage.reload();
  await bureauPage.getByRole('link', { name: '登录' }).first().waitFor();
  assert.equal(await bureauPage.getByTestId('user-name').count(), 0);
  await signIn(bureauPage, account.username, otp);
  await bureauPage.waitForURL(/\/account\/password$/);

  // another new account is signed in somewhere; the admin deactivates it
  const other = state.accounts[1];
  const context = await browser.newContext();
  const otherPage = await context.newPage();
  await signIn(otherPage, other.username, other.password);
  await otherPage.waitForURL(/\/account\/password$/);
  await page.getByPlaceholder('用户名、名称或单位').fill(other.username);
  const otherRow = accountRow(page, other.username);
  await otherRow.waitFor();
  await otherRow.getByRole('button', { name: '停用' }).click();
  const confirm = page.getByRole('dialog');
  const question = await confirm.innerText();
  assert.match(question, new RegExp(other.username));
  assert.match(question, /会话会立即结束/);
  await confirm.getByTestId('confirm-active').click();
  await confirm.waitFor({ state: 'detached' });
  await otherRow.getByText('已停用').waitFor();
  await otherPage.reload();
  await otherPage.waitForURL(/\/signin/);
  await context.close();
  await state.bureau.context.close();
});
