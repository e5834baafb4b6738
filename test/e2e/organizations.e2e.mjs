// The organizations admin page in Debian Chromium against the real server and demo data: the
// admin searches the tree, creates a body under a county, moves it to another county, imports a
// small roster (the dry run shows the counts, then applies), imports a nation above a province
// (its level shown as 全国), exports the tree, and opens the required-posts page. Screenshots at 1280 and 1920 px.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BASE_URL, graphql, launch, RESULTS, signIn } from './browser.mjs';

const stamp = Date.now().toString(36);
const CODE = `e2e-${stamp}`;
let browser;
let context;
let page;
let gql;
const state = {};
const shot = (name) =>
  page.screenshot({ path: join(RESULTS, `organizations-${name}.png`), fullPage: true });

before(async () => {
  browser = await launch();
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  page = await context.newPage();
  await signIn(page, 'demo-admin');
  gql = graphql(context);
  const { organizations } = await gql(
    '{ organizations(search: "县", first: 100) { edges { node { id code name level parent { id code } } } } }',
  );
  const counties = organizations.edges.map((e) => e.node).filter((n) => n.level === 'COUNTY');
  assert.ok(counties.length >= 2, 'the demo data has at least two counties');
  state.from = counties.find((c) => c.name.includes('南溪')) ?? counties[0];
  state.to = counties.find((c) => c.id !== state.from.id);
});

after(async () => {
  await browser?.close();
});

test('the admin searches the tree and sees matches under their ancestors', async () => {
  await page.goto(`${BASE_URL}/admin/organizations`);
  await page.waitForSelector('[role="tree"] .org-node');
  await shot('tree-1280');
  await page.fill('input[type="search"]', state.from.name);
  await page.waitForSelector('[data-testid="org-search-count"]');
  const marked = await page.locator('.org-node mark').first().textContent();
  assert.equal(marked, state.from.name);
  // the match is shown under its city (an ancestor, not itself a match)
  assert.ok((await page.locator('.org-node.is-context').count()) >= 1);
  const text = await page.textContent('main');
  assert.doesNotMatch(text, /COUNTY|DEPARTMENT|organization\./);
});

test('the admin creates a body under a county, then moves it to another county', async () => {
  await page.locator('.org-node:not(.is-context)', { hasText: state.from.name }).first().click();
  await page.getByRole('button', { name: '新建下级' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('编码').fill(CODE);
  await dialog.getByLabel('名称').fill('端到端测试数据局');
  await dialog.getByLabel('部门类别').fill('数据局');
  await dialog.getByRole('button', { name: '保存' }).click();
  await page.waitForSelector('.toast >> text=已新建“端到端测试数据局”');

  // a duplicate code is refused in Chinese, naming the code
  await page.locator('.org-node:not(.is-context)', { hasText: state.from.name }).first().click();
  await page.getByRole('button', { name: '新建下级' }).click();
  await dialog.getByLabel('编码').fill(CODE);
  await dialog.getByLabel('名称').fill('重复');
  await dialog.getByRole('button', { name: '保存' }).click();
  await page.waitForSelector(`[role="dialog"] [role="alert"] >> text=机构编码 ${CODE} 已被使用`);
  await dialog.getByRole('button', { name: '取消' }).click();

  await page.fill('input[type="search"]', '端到端测试');
  await page.locator('.org-node:not(.is-context)', { hasText: '端到端测试数据局' }).click();
  await page.getByRole('button', { name: '迁移' }).click();
  await dialog.getByLabel('新的上级机构').fill(state.to.name);
  await dialog.locator('.move-candidates button', { hasText: state.to.name }).first().click();
  await shot('move-dialog');
  await dialog.getByRole('button', { name: `迁移到“${state.to.name}”之下` }).click();
  await page.waitForSelector('.toast >> text=已把“端到端测试数据局”迁移到');
  const { organizations } = await gql(
    `query($q: String) { organizations(search: $q) { edges { node { code parent { id } } } } }`,
    { q: CODE },
  );
  assert.equal(organizations.edges[0].node.parent.id, state.to.id);
});

test('the admin imports a small roster: the dry run shows counts, then it applies', async () => {
  const csv = [
    '编码,单位名称,层级,上级编码,部门类别',
    `${CODE}-2,端到端测试统计局,部门,${state.from.code},统计局`,
    `${CODE},端到端测试数据管理局,部门,${state.from.code},数据局`,
  ].join('\n');
  await page.setInputFiles('[data-testid="directory-file"]', {
    name: 'roster.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await page.getByRole('button', { name: '预览' }).click();
  await page.waitForSelector('[data-testid="directory-preview"]');
  const counts = await page.textContent('.directory-counts');
  assert.match(counts, /新增\s*1/);
  assert.match(counts, /变更\s*1/);
  assert.match(counts, /迁移\s*1/);
  assert.match(counts, /撤销\s*0/);
  assert.match(await page.textContent('[data-testid="roster-moved"]'), /从“.+”迁至“.+”/);
  await shot('directory-preview-1280');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot('directory-preview-1920');
  await page.getByRole('button', { name: '导入', exact: true }).click();
  const dialog = page.getByRole('dialog');
  assert.match(await dialog.textContent(), /新增 1 个、变更 1 个、迁移 1 个、撤销 0 个/);
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await page.waitForSelector('.toast >> text=名单已导入');
  const { organizations } = await gql(
    `query($q: String) { organizations(search: $q) { edges { node { code name parent { id } } } } }`,
    { q: CODE },
  );
  const byCode = Object.fromEntries(organizations.edges.map((e) => [e.node.code, e.node]));
  assert.equal(byCode[CODE].name, '端到端测试数据管理局');
  assert.equal(byCode[CODE].parent.id, state.from.id);
  assert.equal(byCode[`${CODE}-2`].parent.id, state.from.id);
});

test('the admin imports a nation above a province; the tree names its level 全国', async () => {
  const csv = [
    '编码,单位名称,层级,上级编码',
    `${CODE}-nation,端到端测试全国,全国,`,
    `${CODE}-province,端到端测试省,省,${CODE}-nation`,
  ].join('\n');
  await page.setInputFiles('[data-testid="directory-file"]', {
    name: 'nation.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await page.getByRole('button', { name: '预览' }).click();
  await page.waitForSelector('[data-testid="directory-preview"]');
  assert.match(await page.textContent('.directory-counts'), /新增\s*2/);
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确认导入' }).click();
  await page.waitForSelector('.toast >> text=名单已导入');
  await page.fill('input[type="search"]', '端到端测试全国');
  const node = page.locator('.org-node:not(.is-context)', { hasText: '端到端测试全国' }).first();
  await node.waitFor();
  assert.match(await node.textContent(), /全国/);
  await node.click();
  await page.waitForSelector('[data-testid="org-facts"] dd >> text=全国');
  await shot('nation-1280');
  assert.doesNotMatch(await page.textContent('main'), /NATION|orgAdmin\./);
  const { organizations } = await gql(
    `query($q: String) { organizations(search: $q) { edges { node { code level reports parent { code } } } } }`,
    { q: `${CODE}-` },
  );
  const byCode = Object.fromEntries(organizations.edges.map((e) => [e.node.code, e.node]));
  assert.deepEqual(byCode[`${CODE}-nation`], {
    code: `${CODE}-nation`,
    level: 'NATION',
    reports: false,
    parent: null,
  });
  assert.equal(byCode[`${CODE}-province`].parent.code, `${CODE}-nation`);
});

test('the admin exports the tree as .xlsx', async () => {
  await page.fill('input[type="search"]', '');
  await page.waitForSelector('[role="tree"] .org-node');
  await shot('tree-1920');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByText('导出机构名录（.xlsx）').click(),
  ]);
  assert.match(download.suggestedFilename(), /^机构名录-全部-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const bytes = await readFile(await download.path());
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
  assert.ok(bytes.length > 2000);
});

test('the required-posts page shows the round’s posts by target', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${BASE_URL}/admin/posts`);
  await page.waitForSelector('.posts-group');
  await shot('posts-1280');
  await page.getByRole('button', { name: '编辑' }).click();
  await page.waitForSelector('[data-testid="posts-editor"]');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot('posts-edit-1920');
  assert.doesNotMatch(await page.textContent('main'), /DEPARTMENT|COUNTY|leaderInCharge/);
});
