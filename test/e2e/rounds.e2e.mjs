// Rounds administration in Debian Chromium against the real server and demo data: the admin
// creates this year's round for a county government with its deadlines, opens it, extends the
// deadline of one bureau with a reason, closes and reopens it; the activity log then reads these
// steps as Chinese sentences (no status names, no action names).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BASE_URL, graphql, launch, RESULTS, signIn } from './browser.mjs';

const COUNTY = '演示市东湖区人民政府';
const BUREAU = '东湖区教育局';
const REASON = '机构改革，人员调整';
let browser;
let context;
let page;
const shot = (name) =>
  page.screenshot({ path: join(RESULTS, `rounds-${name}.png`), fullPage: true });

before(async () => {
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await signIn(page, 'demo-admin');
});

after(async () => {
  await browser?.close();
});

/** The row of the county's round of `year` in the rounds table. */
const rowOf = (year) =>
  page
    .locator('[data-testid="rounds-table"] tbody tr')
    .filter({ hasText: COUNTY })
    .filter({ has: page.locator(`td:nth-child(2):text-is("${year}")`) });

/** Clicks a button in a row, confirms in the dialog (checking what it says) and waits. */
async function confirmMove(row, button, says, status) {
  await row.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog');
  for (const text of says) await dialog.getByText(text, { exact: false }).waitFor();
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await row.getByText(status, { exact: true }).waitFor();
}

test('an admin sets up, runs and extends a round, and the log tells it in Chinese', async () => {
  await page.goto(`${BASE_URL}/admin/rounds`);
  await page.locator('[data-testid="rounds-table"] tbody tr td strong').first().waitFor();

  // create: the county, the year being collected now, its deadlines
  await page.getByRole('button', { name: '新建轮次' }).click();
  const create = page.getByRole('dialog');
  await create.getByRole('combobox').fill('东湖');
  await create.getByRole('option', { name: new RegExp(COUNTY) }).click();
  const year = Number(await create.getByLabel('统计年度').inputValue());
  assert.ok(year >= 2025, `the default year ${year} is the one being collected now`);
  assert.equal(
    await create.getByLabel('报告模板').inputValue(),
    '国办公开办函〔2021〕30号模板',
    'the template follows the year',
  );
  await create.getByLabel('部门、乡镇截止日期').fill(`${year + 1}-01-25`);
  await create.getByLabel('政府截止日期').fill(`${year + 1}-03-20`);
  await create.getByRole('button', { name: '创建', exact: true }).click();
  await create.waitFor({ state: 'detached' });
  const row = rowOf(year);
  await row.getByText('未开始', { exact: true }).waitFor();
  await row.getByText(`部门 ${year + 1}-01-25`).waitFor();

  // creating it again is refused with a reason, nothing saved
  await page.getByRole('button', { name: '新建轮次' }).click();
  const again = page.getByRole('dialog');
  await again.getByRole('combobox').fill('东湖');
  await again.getByRole('option', { name: new RegExp(COUNTY) }).click();
  await again.getByRole('button', { name: '创建', exact: true }).click();
  await again.getByText(`${COUNTY} 已有 ${year} 年度的报送轮次，不能重复创建`).waitFor();
  await again.getByRole('button', { name: '取消' }).click();
  assert.equal(await rowOf(year).count(), 1);

  const name = `${year} 年度报告收集轮次（${COUNTY}）`;
  await confirmMove(row, '开启轮次', [`开启“${name}”？`, '即可填报和报送'], '进行中');

  // an extension for one bureau, with a reason
  await row.getByRole('button', { name: /^延期/ }).click();
  const ext = page.getByRole('dialog');
  await ext.getByText('本轮次尚无延期').waitFor();
  await ext.getByRole('combobox').fill(BUREAU);
  await ext.getByRole('option', { name: new RegExp(BUREAU) }).click();
  await ext.getByText(`该单位原截止日期为 ${year + 1}-01-25`).waitFor();
  await ext.getByLabel('新的截止日期').fill(`${year + 1}-02-10`);
  await ext.getByRole('button', { name: '批准延期' }).click();
  await ext.getByText('请填写延期原因').waitFor(); // a reason is required
  await ext.getByLabel('延期原因').fill(REASON);
  await ext.getByRole('button', { name: '批准延期' }).click();
  const granted = ext
    .locator('[data-testid="round-extensions"] tbody tr')
    .filter({ hasText: BUREAU });
  await granted.waitFor();
  assert.match(
    await granted.innerText(),
    new RegExp(`${year + 1}-02-10[\\s\\S]*${REASON}[\\s\\S]*演示`),
  );
  await shot('extension');
  // the dialog's own button (the toast shown inside the open dialog has a 关闭 too)
  await ext.locator('.dialog-footer').getByRole('button', { name: '关闭', exact: true }).click();
  await row.getByRole('button', { name: '延期（1）' }).waitFor();

  await confirmMove(row, '关闭轮次', [`关闭“${name}”？`, '不能再报送', '尚未报送'], '已关闭');
  await confirmMove(row, '重新开启轮次', [`重新开启“${name}”？`], '进行中');
  await shot('list');

  // the activity log, filtered to rounds and the county
  await page.goto(`${BASE_URL}/admin/audit`);
  await page.getByLabel('操作类别').selectOption('round');
  await page.getByLabel('搜索').fill('东湖区');
  const log = page.locator('[data-testid="audit-log"] tbody');
  await log.getByText(`创建了 ${name}`, { exact: false }).waitFor();
  const text = await log.innerText();
  for (const sentence of [
    `演示·系统管理员 创建了 ${year} 年度报告收集轮次（${COUNTY}）`,
    `开启了 ${name}`,
    `将 ${BUREAU} 的截止日期延长至 ${year + 1}-02-10：原因：${REASON}`,
    `关闭了 ${name}`,
    `重新开启了 ${name}`,
  ])
    assert.ok(text.includes(sentence), `the log says “${sentence}”:\n${text}`);
  assert.doesNotMatch(text, /\b(OPEN|CLOSED|PLANNED|ADMIN|round\.\w+)\b/);
  await shot('audit');

  // what the page showed is what the server holds
  const gql = graphql(context);
  const data = await gql(
    'query($y: Int) { managedRounds(year: $y, search: "东湖区", first: 5) { edges { node { status extensions { deadline reason } } } } }',
    { y: year },
  );
  assert.deepEqual(
    data.managedRounds.edges.map((e) => e.node),
    [{ status: 'OPEN', extensions: [{ deadline: `${year + 1}-02-10`, reason: REASON }] }],
  );
});
