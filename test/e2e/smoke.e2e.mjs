import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BASE_URL, countChartPixels, launch, RESULTS, signIn } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the landing page loads for anonymous visitors without server internals', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(BASE_URL);
  await page.waitForSelector('a[href="/signin"]');
  assert.equal(await page.$('[data-testid="chart-system-tables"]'), null);
  await page.screenshot({ path: join(RESULTS, 'smoke-landing.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test("the admin's system page draws the tables the API reports", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, 'demo-admin');
  const statusResponse = page.waitForResponse(
    (r) => r.url().endsWith('/graphql') && r.request().postData()?.includes('SystemStatus'),
  );
  await page.goto(`${BASE_URL}/admin/system`);
  const body = await (await statusResponse).json();
  const tables = body.data.systemStatus.tables;
  assert.ok(
    tables.some((t) => t.rows > 0),
    'the API reports at least one table with rows',
  );

  const chart = '[data-testid="chart-system-tables"]';
  await page.waitForSelector(`${chart}[data-rendered="true"]`, { timeout: 15_000 });
  const barPixels = await countChartPixels(page, chart, [0xc2, 0x35, 0x31]);
  assert.ok(barPixels > 200, `bars drawn in the series colour (${barPixels} pixels)`);
  assert.match(await page.textContent('h1'), /系统状态/);
  await page.screenshot({ path: join(RESULTS, 'smoke-system.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
