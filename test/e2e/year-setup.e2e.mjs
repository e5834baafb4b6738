/* global document */
// A city office sets up a year from the browser, on a fresh data folder: the admin creates a new
// county with one department, a round of the year being collected for that county with its
// deadlines, opens it, bulk-creates the bureau accounts and downloads the sheet, signs out; the
// new department signs in with its one-time password, must change it, sees the round and saves a
// draft; the admin then resets that password and deactivates the county's account, whose open
// session ends. Every admin page is photographed at 1280 px.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BASE_URL, graphql, launch, RESULTS, signIn } from './browser.mjs';

const require = createRequire(join(import.meta.dirname, '..', '..', 'server', 'package.json'));
const ExcelJS = require('exceljs');

const stamp = Date.now().toString(36).slice(-5);
const COUNTY = `端到端新区${stamp}`;
const COUNTY_CODE = `E2E-XQ-${stamp}`;
const DEPARTMENT = `端到端新区${stamp}教育局`;
const DEPARTMENT_CODE = `E2E-XQ-JYJ-${stamp}`;
const NATURAL = '#field-applications-newReceived-natural';
let browser;
let admin;
let page;
const state = {};
const shot = (p, name) =>
  p.screenshot({ path: join(RESULTS, `year-setup-${name}.png`), fullPage: true });

before(async () => {
  browser = await launch();
  admin = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  page = await admin.newPage();
  await signIn(page, 'demo-admin');
  const { organizations } = await graphql(admin)(
    `{ organizations(search: "演示市", first: 20) { edges { node { id name level } } } }`,
  );
  state.city = organizations.edges.map((e) => e.node).find((o) => o.level === 'CITY');
  assert.ok(state.city, 'the demo data has its city');
});

after(async () => {
  await browser?.close();
});

/** Creates a child of the selected node through the organizations page. */
async function createChild(parentName, code, name, kind) {
  await page.fill('input[type="search"]', parentName);
  await page.waitForSelector('[data-testid="org-search-count"]');
  await page.locator('.org-node:not(.is-context)', { hasText: parentName }).first().click();
  await page.getByRole('button', { name: '新建下级' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('编码').fill(code);
  await dialog.getByLabel('名称').fill(name);
  if (kind) await dialog.getByLabel('部门类别').fill(kind);
  await dialog.getByRole('button', { name: '保存' }).click();
  await page.waitForSelector(`.toast >> text=已新建“${name}”`);
}

test('the admin creates a county with a department, and a round for it with deadlines', async () => {
  await page.goto(`${BASE_URL}/admin/organizations`);
  await page.waitForSelector('[role="tree"] .org-node');
  await shot(page, 'organizations');
  await createChild(state.city.name, COUNTY_CODE, COUNTY);
  await createChild(COUNTY, DEPARTMENT_CODE, DEPARTMENT, '教育局');

  await page.goto(`${BASE_URL}/admin/rounds`);
  await page.locator('[data-testid="rounds-table"] tbody tr td strong').first().waitFor();
  await page.getByRole('button', { name: '新建轮次' }).click();
  const create = page.getByRole('dialog');
  await create.getByRole('combobox').fill(COUNTY);
  await create.getByRole('option', { name: new RegExp(COUNTY) }).click();
  const year = Number(await create.getByLabel('统计年度').inputValue());
  state.year = year;
  await create.getByLabel('部门、乡镇截止日期').fill(`${year + 1}-01-26`);
  await create.getByLabel('政府截止日期').fill(`${year + 1}-03-20`);
  await shot(page, 'round-create');
  await create.getByRole('button', { name: '创建', exact: true }).click();
  await create.waitFor({ state: 'detached' });
  const row = page
    .locator('[data-testid="rounds-table"] tbody tr')
    .filter({ hasText: COUNTY })
    .filter({ has: page.locator(`td:nth-child(2):text-is("${year}")`) });
  await row.getByText(`部门 ${year + 1}-01-26`).waitFor();
  await row.getByRole('button', { name: '开启轮次', exact: true }).click();
  const confirm = page.getByRole('dialog');
  await confirm.getByText('即可填报和报送', { exact: false }).waitFor();
  await confirm.getByRole('button', { name: '开启轮次', exact: true }).click();
  await confirm.waitFor({ state: 'detached' });
  await row.getByText('进行中', { exact: true }).waitFor();
  await shot(page, 'rounds');
});

test('the admin bulk-creates the accounts of the new county and downloads the sheet once', async () => {
  await page.goto(`${BASE_URL}/admin/accounts`);
  await page.waitForSelector('[data-testid="accounts-table"] tbody tr');
  await shot(page, 'accounts');
  await page.getByRole('button', { name: '为下级单位批量创建账号' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByPlaceholder('输入单位名称筛选').fill(COUNTY);
  const { organizations } = await graphql(admin)(
    `query($q: String) { organizations(search: $q, first: 5) { edges { node { id name } } } }`,
    { q: COUNTY },
  );
  const county = organizations.edges.map((e) => e.node).find((o) => o.name === COUNTY);
  await page.waitForFunction(
    (id) => !!document.querySelector(`[data-testid="bulk-scope"] option[value="${id}"]`),
    county.id,
  );
  await dialog.locator('[data-testid="bulk-scope"] select').selectOption(county.id);
  await dialog.getByTestId('bulk-preview').waitFor();
  await dialog.getByTestId('bulk-confirm').click();
  await dialog.getByTestId('bulk-result').waitFor();
  const rows = await dialog
    .locator('[data-testid="bulk-result"] tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
    );
  const accounts = rows.map(([organization, username, password]) => ({
    organization,
    username,
    password,
  }));
  state.department = accounts.find((a) => a.organization === DEPARTMENT);
  state.county = accounts.find((a) => a.organization === COUNTY);
  assert.ok(state.department, `an account for ${DEPARTMENT}: ${JSON.stringify(rows)}`);
  assert.ok(state.county, `an account for ${COUNTY}: ${JSON.stringify(rows)}`);
  await shot(page, 'bulk-result');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByTestId('download-handout').click(),
  ]);
  const file = join(RESULTS, 'year-setup-handout.xlsx');
  await download.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  const inSheet = [];
  for (let r = 3; r <= sheet.rowCount; r += 1)
    inSheet.push([String(sheet.getCell(r, 3).value), String(sheet.getCell(r, 4).value)]);
  assert.deepEqual(inSheet.sort(), accounts.map((a) => [a.username, a.password]).sort());
  await dialog.getByRole('button', { name: '完成' }).click();
  await dialog.waitFor({ state: 'detached' });

  await page.getByRole('button', { name: '退出' }).click();
  await page.getByRole('link', { name: '登录' }).first().waitFor();
});

test('the new bureau signs in with its one-time password, changes it, sees the round and saves a draft', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const bureau = await context.newPage();
  await signIn(bureau, state.department.username, state.department.password);
  await bureau.waitForURL(/\/account\/password$/);
  await bureau.fill('input[name=currentPassword]', state.department.password);
  await bureau.fill('input[name=newPassword]', 'xinqu-jiaoyu-2026');
  await bureau.fill('input[name=repeatPassword]', 'xinqu-jiaoyu-2026');
  await bureau.click('form button[type=submit]');
  await bureau.getByTestId('password-changed').waitFor();
  await bureau.getByRole('button', { name: '继续' }).click();
  await bureau.waitForURL(`${BASE_URL}/`);
  const row = bureau
    .locator('[data-testid="bureau-rounds"] tbody tr', { hasText: String(state.year) })
    .filter({ hasText: COUNTY });
  await row.waitFor();
  await shot(bureau, 'bureau-home');
  await row.getByRole('button', { name: '开始填报' }).click();
  await bureau.waitForURL(/\/submissions\//);
  const id = new URL(bureau.url()).pathname.split('/').pop();
  const read = async () =>
    (
      await graphql(context)('query($id: ID!) { submission(id: $id) { status versionCount } }', {
        id,
      })
    ).submission;
  const before = await read();
  assert.equal(before.status, 'DRAFT');
  await bureau.waitForSelector(NATURAL);
  await bureau.fill(NATURAL, '3');
  await bureau.click('button:has-text("保存")');
  let afterSave = before;
  for (let i = 0; i < 50 && afterSave.versionCount === before.versionCount; i++) {
    await bureau.waitForTimeout(200);
    afterSave = await read();
  }
  await shot(bureau, 'bureau-saved');
  assert.equal(afterSave.versionCount, before.versionCount + 1, 'the save wrote a version');
  assert.equal(await bureau.inputValue(NATURAL), '3');
  state.bureau = { context, page: bureau };
});

test('the admin resets the bureau’s password and deactivates the county’s account, whose session ends', async () => {
  const countyContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const countyPage = await countyContext.newPage();
  await signIn(countyPage, state.county.username, state.county.password);
  await countyPage.waitForURL(/\/account\/password$/);

  await signIn(page, 'demo-admin');
  await page.goto(`${BASE_URL}/admin/accounts`);
  const rowOf = (username) =>
    page.locator('[data-testid="accounts-table"] tbody tr', {
      has: page.locator('td strong', { hasText: new RegExp(`^${username}$`) }),
    });
  await page.getByPlaceholder('用户名、名称或单位').fill(state.department.username);
  await rowOf(state.department.username).getByRole('button', { name: '重置密码' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('confirm-reset').click();
  const otp = await dialog.getByTestId('one-time-password').innerText();
  await dialog.getByRole('button', { name: '完成' }).click();
  // The bureau's open page learns at its next request that its session has ended, and goes to
  // sign in (and back to where it was afterwards).
  const bureau = state.bureau.page;
  await bureau.getByRole('link', { name: '人员' }).click();
  await bureau.waitForURL(/\/signin\?next=%2Fstaffing/);
  await bureau.getByRole('link', { name: '登录' }).first().waitFor();
  await signIn(bureau, state.department.username, otp);
  await bureau.waitForURL(/\/account\/password$/);

  await page.getByPlaceholder('用户名、名称或单位').fill(state.county.username);
  await rowOf(state.county.username).getByRole('button', { name: '停用' }).click();
  const confirm = page.getByRole('dialog');
  assert.match(await confirm.innerText(), /会话会立即结束/);
  await confirm.getByTestId('confirm-active').click();
  await confirm.waitFor({ state: 'detached' });
  await rowOf(state.county.username).getByText('已停用').waitFor();
  await countyPage.reload();
  await countyPage.waitForURL(/\/signin/);

  for (const path of ['/admin/posts', '/admin/audit', '/admin/system']) {
    await page.goto(`${BASE_URL}${path}`);
    await page.locator('main h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    await shot(page, path.split('/').pop());
  }
  await countyContext.close();
  await state.bureau.context.close();
});
