// The roll-up page in Debian Chromium against the demo city: the reviewer opens a county from
// its organization page, reads the departments' sums in the template's tables beside the
// county's own report, finds the bodies missing from the sum by typing part of a name, and
// exports the roll-up as .xlsx. Screenshots at 1280 and 1920 px.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BASE_URL, graphql, launch, RESULTS, signIn } from './browser.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('a county roll-up shows the sums, the missing bodies with their status, and exports', async () => {
  for (const width of [1280, 1920]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, 'demo-reviewer');
    const gql = graphql(context);
    const { organizations } = await gql(
      '{ organizations(search: "南溪县", levels: [COUNTY], first: 1) { edges { node { id name } } } }',
    );
    const county = organizations.edges[0].node;
    await page.goto(`${BASE_URL}/organizations/${county.id}`);
    await page.click('[data-testid="org-rollup"]');
    await page.waitForURL(/\/rollup\//);
    await page.waitForSelector('[data-testid="rollup-counts"]');
    assert.match(
      await page.innerText('h1'),
      new RegExp(`^${county.name} \\d{4} 年度部门报告汇总$`),
    );
    const counts = await page.innerText('[data-testid="rollup-counts"]');
    const [, included, expected] = /已纳入 (\d+) \/ (\d+) 个单位/.exec(counts) ?? [];
    assert.ok(Number(expected) >= 20, `a county of the demo has 20–40 bodies: ${counts}`);
    // the template's tables with Chinese row labels and summed cells
    assert.equal((await page.locator('table.rollup-grid').count()) >= 3, true);
    assert.match(
      await page.innerText('table.rollup-grid >> nth=1'),
      /本年新收政府信息公开申请数量/,
    );
    // the missing bodies, each with its status, and found by part of a name
    const missing = Number(expected) - Number(included);
    assert.ok(missing > 0, 'the demo leaves some bodies unapproved');
    assert.match(
      await page.innerText('.rollup-side .card-header'),
      new RegExp(`未纳入汇总的单位（${missing} 个）`),
    );
    const items = page.locator('[data-testid="rollup-members"] li');
    assert.equal(await items.count(), missing);
    const first = await items.first().locator('a').innerText();
    await page.fill('input[type="search"]', first.slice(3, 6));
    await page.waitForFunction(
      (n) => globalThis.document.querySelectorAll('[data-testid="rollup-members"] li').length < n,
      missing,
    );
    assert.match(await page.innerText('[data-testid="rollup-members"]'), new RegExp(first));
    await page.fill('input[type="search"]', '');
    await page.waitForFunction(
      (n) => globalThis.document.querySelectorAll('[data-testid="rollup-members"] li').length === n,
      missing,
    );
    // the findings of the same rules, under Chinese rule names
    assert.match(await page.innerText('[data-testid="findings-panel"]'), /正文章节齐全/);
    await page.screenshot({ path: join(RESULTS, `rollup-${width}.png`), fullPage: true });
    if (width === 1280) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('[data-testid="rollup-export"]'),
      ]);
      assert.match(download.suggestedFilename(), /部门报告汇总\.xlsx$/);
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});
