// Freezing runs in the background: after the confirmation the page shows the freeze running,
// with its progress read again every second, until the snapshot is frozen and selected; a
// refused freeze stays listed with its reason in the reader's language and a way to try again,
// which asks first. In Chinese at 1280 px and in English at 1920 px.
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
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Records every answer about the freezes as the server gave it, and holds the first answers
 * after a start for a moment (a slow network), so that the running freeze is on screen long
 * enough to be looked at whatever the speed of the freeze.
 */
async function watchFreezes(page) {
  const answers = [];
  const state = { hold: 0 };
  await page.route('**/graphql', async (route) => {
    const body = route.request().postDataJSON();
    if (body?.operationName === 'StartRankingFreeze') {
      state.hold = 2;
      // the freeze this page started (others — the demo's own — may be listed too)
      const response = await route.fetch();
      const json = await response.json();
      answers.started = json.data?.startRankingFreeze?.id ?? null;
      return route.fulfill({ response, json });
    }
    if (body?.operationName !== 'RankingFreezeTasks') return route.continue();
    const response = await route.fetch();
    const json = await response.json();
    answers.push(...(json.data?.rankingFreezeTasks ?? []));
    if (state.hold > 0) {
      state.hold -= 1;
      await sleep(1500);
    }
    await route.fulfill({ response, json });
  });
  return answers;
}

async function freezeEverybody(page, { locale, width, height, name }) {
  const answers = await watchFreezes(page);
  await page.goto(`${BASE_URL}/ranking?peer=all`);
  await page.waitForSelector('[data-testid="ranking-table"] tbody tr a');
  await page.click('[data-testid="freeze"]');
  await page.click('[data-testid="confirm-snapshot"]');

  // running: a progress bar naming the population, in the reader's language
  const running = page.locator('[data-testid="freeze-running"]');
  await running.waitFor();
  const label = await running.textContent();
  assert.match(label, locale === 'en' ? /Freezing .+ · all bodies/ : /正在冻结.+·全部单位/);
  assert.equal(await running.locator('[role="progressbar"]').count(), 1);
  await shot(page, `${name}-running-${width}`);

  // done: the snapshot is selected and listed, the running freeze gone
  await page.waitForURL(/snapshot=/, { timeout: 30_000 });
  await page.waitForSelector('.snapshot-list li.selected');
  await page.waitForSelector('[data-testid="freeze-running"]', { state: 'detached' });
  const overflow = await page.evaluate(
    () => globalThis.document.documentElement.scrollWidth - globalThis.document.body.clientWidth,
  );
  assert.ok(overflow <= 0, `no sideways scrolling at ${width}x${height} (${overflow})`);

  // what the page was told: progress only grows, and ends with every row written
  assert.ok(answers.started, 'the page started a freeze');
  const mine = answers.filter((a) => a.id === answers.started);
  assert.ok(mine.length > 0, 'the finished freeze was read back');
  for (let i = 1; i < mine.length; i += 1)
    assert.ok(mine[i].written >= mine[i - 1].written, 'progress never goes back');
  const done = mine[mine.length - 1];
  assert.equal(done.status, 'DONE');
  assert.ok(done.total > 0);
  assert.equal(done.written, done.total);
  return done;
}

test('a freeze shows its progress, then the snapshot; a refused one its reason and a retry', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, 'demo-supervisor');
  const done = await freezeEverybody(page, {
    locale: 'zh-CN',
    width: 1280,
    height: 900,
    name: 'ranking-freeze',
  });
  await shot(page, 'ranking-freeze-done-1280');

  // the same data again: refused, listed with the reason, and a retry that asks first
  await page.click('button:has-text("查看实时数据")');
  await page.click('[data-testid="freeze"]');
  await page.click('[data-testid="confirm-snapshot"]');
  const failed = page.locator('[data-testid="freeze-failed"]');
  await failed.waitFor({ timeout: 30_000 });
  const reason = await failed.locator('[data-testid="freeze-failure"]').textContent();
  assert.match(reason, /与 .+ 的快照相同，未重复冻结/);
  assert.doesNotMatch(await failed.textContent(), /[A-Za-z]{4,}/, 'no English or keys in zh-CN');
  await shot(page, 'ranking-freeze-failed-1280');
  await failed.locator('[data-testid="freeze-retry"]').click();
  const retry = await page.textContent('[data-testid="snapshot-confirm-text"]');
  assert.match(retry, new RegExp(`共 ${done.total} 家单位`));
  await shot(page, 'ranking-freeze-retry-1280');
  await page.click('button:has-text("取消")');
  await context.close();
});

test('in English at 1920 px', async () => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1000 } });
  await context.addInitScript(() => globalThis.localStorage.setItem('gongkai.locale', 'en'));
  const page = await context.newPage();
  await signIn(page, 'demo-supervisor');
  // a change first, so that the freeze is not a copy of the one above: another peer group
  const answers = await watchFreezes(page);
  await page.goto(`${BASE_URL}/ranking`);
  await page.waitForSelector('[data-testid="ranking-table"] tbody tr a');
  const peer = await page.$eval('[data-testid="peer-filter"]', (select) =>
    [...select.options]
      .map((o) => o.value)
      .filter((v) => v !== 'all' && v !== select.value)
      .pop(),
  );
  await page.selectOption('[data-testid="peer-filter"]', peer);
  await page.waitForURL((url) => url.searchParams.get('peer') === peer);
  await page.click('[data-testid="freeze"]');
  await page.click('[data-testid="confirm-snapshot"]');
  const running = page.locator('[data-testid="freeze-running"]');
  await running.waitFor();
  assert.match(await running.textContent(), /Freezing .+ · peer group/);
  await shot(page, 'ranking-freeze-running-en-1920');
  await page.waitForURL(/snapshot=/, { timeout: 30_000 });
  await page.waitForSelector('.snapshot-list li.selected');
  assert.ok(answers.some((a) => a.status === 'DONE' && a.written === a.total));
  await shot(page, 'ranking-freeze-done-en-1920');
  await context.close();
});
