// The ranking page as a supervisor meets it: one peer group by default (governments and
// departments are not ranked together unless asked), search as you type, no horizontal
// scrollbar at 1280 px, the header row staying in view; freezing asks first, a freeze of
// unchanged data is refused, and an unpublished snapshot can be deleted after a confirmation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { BASE_URL, launch, RESULTS, signIn } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const shot = (page, name) => page.screenshot({ path: join(RESULTS, `${name}.png`) });
const rowNames = (page) =>
  page.$$eval('[data-testid="ranking-table"] tbody tr td:nth-child(2)', (cells) =>
    cells.map((c) => c.textContent ?? ''),
  );

test('the ranking fits 1280 px, ranks one peer group by default and filters as you type', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, 'demo-supervisor');
  await page.goto(`${BASE_URL}/ranking`);
  await page.waitForSelector('[data-testid="ranking-table"] tbody tr a');

  // one peer group, not everybody: the picker names it, every row belongs to it
  const peer = await page.$eval('[data-testid="peer-filter"]', (s) => s.value);
  assert.notEqual(peer, 'all');
  assert.ok(peer.length > 0, 'a peer group is chosen by default');
  const summary = await page.textContent('[data-testid="ranking-summary"]');
  const all = await page.$$eval('[data-testid="peer-filter"] option', (os) =>
    os.map((o) => o.textContent ?? ''),
  );
  assert.ok(all.includes('全部（不分组）'), 'everybody can still be asked for');
  const titles = await page.$$eval(
    '[data-testid="ranking-table"] tbody tr td:nth-child(2) a',
    (as) => as.map((a) => a.getAttribute('title') ?? ''),
  );
  assert.ok(titles.length > 0);
  for (const title of titles) assert.ok(title.includes(peer), `${title} is in ${peer}`);

  // no horizontal scrollbar, neither on the page nor on the table; rows one line high
  const widths = await page.evaluate(() => {
    const wrap = globalThis.document.querySelector('.ranking-table .table-wrap');
    return {
      page: [
        globalThis.document.documentElement.scrollWidth,
        globalThis.document.documentElement.clientWidth,
      ],
      table: [wrap.scrollWidth, wrap.clientWidth],
      rowHeight: globalThis.document
        .querySelector('[data-testid="ranking-table"] tbody tr')
        .getBoundingClientRect().height,
    };
  });
  assert.ok(widths.page[0] <= widths.page[1], `page scrolls sideways: ${widths.page}`);
  assert.ok(widths.table[0] <= widths.table[1], `table scrolls sideways: ${widths.table}`);
  assert.ok(widths.rowHeight < 40, `rows are one line high (${widths.rowHeight} px)`);
  await shot(page, 'ranking-1280');

  // everybody: more rows than the peer group; the header stays in view when the table scrolls
  await page.selectOption('[data-testid="peer-filter"]', 'all');
  await page.waitForURL(/peer=all/);
  await page.waitForFunction(
    (before) =>
      globalThis.document.querySelector('[data-testid="ranking-summary"]')?.textContent !== before,
    summary,
  );
  const everybody = (await rowNames(page)).length;
  assert.ok(
    everybody > titles.length,
    `all bodies (${everybody}) outnumber one group (${titles.length})`,
  );
  const headerTop = await page.$eval('.ranking-table .table-wrap', (wrap) => {
    wrap.scrollTo(0, 800);
    const head = wrap.querySelector('thead th');
    return head.getBoundingClientRect().top - wrap.getBoundingClientRect().top;
  });
  assert.ok(Math.abs(headerTop) < 2, `the header row stays at the top (${headerTop})`);

  // search as you type: part of a name, no Enter
  const name = (await rowNames(page))[3];
  const part = name.slice(-4);
  await page.fill('[data-testid="ranking-search"]', part);
  await page.waitForURL((url) => url.searchParams.get('q') === part);
  await page.waitForFunction((text) => {
    const cells = [
      ...globalThis.document.querySelectorAll(
        '[data-testid="ranking-table"] tbody tr td:nth-child(2)',
      ),
    ];
    return cells.length > 0 && cells.every((c) => (c.textContent ?? '').includes(text));
  }, part);
  const found = await rowNames(page);
  assert.ok(found.includes(name), `${name} is found by ${part}`);
  assert.ok(found.length < everybody);
  await shot(page, 'ranking-search-1280');
  await context.close();
});

test('freezing asks first, refuses a copy, and an unpublished snapshot can be deleted', async () => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1000 } });
  const page = await context.newPage();
  await signIn(page, 'demo-supervisor');
  await page.goto(`${BASE_URL}/ranking`);
  await page.waitForSelector('[data-testid="ranking-table"] tbody tr a');
  await shot(page, 'ranking-1920');
  const overflow = await page.evaluate(() => {
    const wrap = globalThis.document.querySelector('.ranking-table .table-wrap');
    const last = globalThis.document.querySelector(
      '[data-testid="ranking-table"] thead th:last-child',
    );
    return [
      wrap.scrollWidth - wrap.clientWidth,
      last.getBoundingClientRect().right - wrap.getBoundingClientRect().right,
    ];
  });
  assert.ok(
    overflow[0] <= 0 && overflow[1] <= 1,
    `the last column is in view at 1920 (${overflow})`,
  );

  // another peer group than the default one (which other journeys freeze)
  const peer = await page.$eval('[data-testid="peer-filter"] option:nth-child(2)', (o) => o.value);
  await page.selectOption('[data-testid="peer-filter"]', peer);
  await page.waitForURL((url) => url.searchParams.get('peer') === peer);
  await page.waitForFunction(
    (p) =>
      [
        ...globalThis.document.querySelectorAll(
          '[data-testid="ranking-table"] tbody tr td:nth-child(2) a',
        ),
      ].every((a) => (a.getAttribute('title') ?? '').includes(p)),
    peer,
  );
  const listed = () => page.locator('.snapshot-list li').count();
  const before = await listed();
  await page.click('[data-testid="freeze"]');
  const text = await page.textContent('[data-testid="snapshot-confirm-text"]');
  assert.match(text, new RegExp(`同类组“${peer}”`));
  assert.match(text, /共 \d+ 家单位/);
  await shot(page, 'ranking-freeze-confirm');
  await page.click('[data-testid="confirm-snapshot"]');
  await page.waitForURL(/snapshot=/);
  await page.waitForSelector('.snapshot-list li.selected');

  // the same data again: refused with the date of the snapshot it would copy
  await page.click('button:has-text("查看实时数据")');
  await page.click('[data-testid="freeze"]');
  await page.click('[data-testid="confirm-snapshot"]');
  await page.waitForSelector('.toast:has-text("快照相同，未重复冻结")');
  assert.equal(await listed(), before + 1);

  // newest first: the one just frozen
  await page.click('.snapshot-list li:first-child [data-testid="delete-snapshot"]');
  const deleting = await page.textContent('[data-testid="snapshot-confirm-text"]');
  assert.match(deleting, /将删除未发布的“.+”（\d+ 家单位，冻结于 /);
  await shot(page, 'ranking-delete-confirm');
  await page.click('[data-testid="confirm-snapshot"]');
  await page.waitForFunction(
    (n) => globalThis.document.querySelectorAll('.snapshot-list li').length === n,
    before,
  );
  await context.close();
});
