// The review queue on the demo city: every expected body reachable by paging, found by typing part
// of its name, narrowed to a district, two reports approved together after a confirmation, and
// 催报 to two bodies that have not started, with the quiet period on a second try.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BASE_URL, graphql, launch, RESULTS, signIn } from './browser.mjs';

let browser;
const shot = (page, name) =>
  page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: false });

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const rows = '[data-testid="review-queue"] tbody tr';
/** The "显示 x 份，共 y 份" line as numbers. */
async function counted(page) {
  const text = await page.textContent('[data-testid="queue-count"]');
  const m = /显示 ([\d,]+) 份，共 ([\d,]+) 份/.exec(text ?? '');
  assert.ok(m, `a count line, got ${text}`);
  return { shown: Number(m[1].replace(/,/g, '')), total: Number(m[2].replace(/,/g, '')) };
}
/** Waits until the count line says `predicate`. */
async function until(page, predicate) {
  for (let i = 0; i < 100; i++) {
    const c = await counted(page).catch(() => null);
    if (c && predicate(c)) return c;
    await page.waitForTimeout(100);
  }
  return counted(page);
}

async function currentRound(context) {
  const gql = graphql(context);
  const { rounds } = await gql('{ rounds { id year scopeOrganization { id name } } }');
  return { gql, round: rounds[0] };
}

for (const width of [1280, 1920])
  test(`the city reviewer pages through every body of the round and finds one by name (${width} px)`, async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await signIn(page, 'demo-reviewer');
    const { gql, round } = await currentRound(context);
    const { roundStats } = await gql(
      'query($r: ID!, $n: ID!) { roundStats(roundId: $r, nodeId: $n) { expected } }',
      { r: round.id, n: round.scopeOrganization.id },
    );
    await page.goto(`${BASE_URL}/review?round=${round.id}`);
    await page.waitForSelector(rows);
    await shot(page, `review-queue-${width}`);
    // the default tab holds the reports awaiting a decision; "全部" every expected body
    await page.click('button[role=tab]:has-text("全部")');
    await page.waitForURL(/status=all/);
    const first = await until(page, (c) => c.total === roundStats.expected);
    assert.equal(first.total, roundStats.expected);
    assert.ok(first.shown < first.total, 'more than one page');
    let pages = 1;
    while (await page.locator('button:has-text("再显示")').count()) {
      const before = await page.locator(rows).count();
      await page.click('button:has-text("再显示")');
      await page.waitForFunction(
        ([selector, n]) => globalThis.document.querySelectorAll(selector).length > n,
        [rows, before],
      );
      pages++;
    }
    const names = await page.locator(`${rows} td:nth-child(2)`).allTextContents();
    assert.equal(names.length, roundStats.expected, 'every expected body is listed');
    assert.ok(pages >= 4, `paged ${pages} times`);
    const last = names.at(-1);
    await page.locator(rows).last().scrollIntoViewIfNeeded();
    await shot(page, `review-queue-all-${width}`);

    // search as you type: part of the last body's name (it was only reachable by paging)
    const part = last.slice(1);
    const searches = [];
    page.on('request', (r) => {
      const body = r.postData() ?? '';
      if (r.url().endsWith('/graphql') && body.includes('"search":')) searches.push(body);
    });
    await page.locator('[data-testid="queue-search"]').pressSequentially(part, { delay: 40 });
    await page.waitForURL((url) => url.searchParams.get('q') === part);
    const found = await until(page, (c) => c.total < 5 && c.total >= 1);
    assert.ok(found.total >= 1);
    assert.ok(
      (await page.locator(`${rows} td:nth-child(2)`).allTextContents()).includes(last),
      `${last} found by typing ${part}`,
    );
    assert.ok(searches.length < part.length, 'the search waits until typing pauses');
    await shot(page, `review-queue-search-${width}`);
    await context.close();
  });

test('the reviewer narrows the queue to a district', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, 'demo-reviewer');
  const { gql, round } = await currentRound(context);
  await page.goto(`${BASE_URL}/review?round=${round.id}&status=all`);
  await page.waitForSelector(rows);
  const options = await page
    .locator('[data-testid="queue-region"] option')
    .evaluateAll((els) =>
      els.map((e) => ({ value: e.getAttribute('value'), label: e.textContent })),
    );
  const district = options.find((o) => /[县区]/.test(o.label ?? '') && o.value);
  assert.ok(district, `a county or district among ${JSON.stringify(options)}`);
  const { roundStats } = await gql(
    'query($r: ID!, $n: ID!) { roundStats(roundId: $r, nodeId: $n) { expected } }',
    { r: round.id, n: district.value },
  );
  await page.selectOption('[data-testid="queue-region"]', district.value);
  await page.waitForURL((url) => url.searchParams.get('within') === district.value);
  const c = await until(page, (x) => x.total === roundStats.expected);
  assert.equal(c.total, roundStats.expected);
  // 演示市北岭县人民政府 → 北岭县: every body of the district carries its name
  const county = (district.label ?? '').replace(/^.*市/, '').replace(/人民政府$/, '');
  const names = await page.locator(`${rows} td:nth-child(2)`).allTextContents();
  assert.ok(
    names.every((n) => n.includes(county)),
    `every body of ${district.label}: ${names.join(' ')}`,
  );
  await shot(page, 'review-queue-district');
  await context.close();
});

test('the reviewer approves two reports at once after a confirmation naming them', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, 'demo-reviewer');
  const { gql, round } = await currentRound(context);
  await page.goto(`${BASE_URL}/review?round=${round.id}`);
  await page.waitForSelector(`${rows} input[type=checkbox]`);
  const before = await counted(page);
  const picked = page.locator(rows).filter({ has: page.locator('input[type=checkbox]') });
  const names = [];
  const ids = [];
  for (const i of [0, 1]) {
    const row = picked.nth(i);
    names.push((await row.locator('td:nth-child(2)').textContent()).trim());
    ids.push((await row.locator('td:nth-child(2) a').getAttribute('href')).split('/').pop());
    await row.locator('input[type=checkbox]').check();
  }
  await page.click('[data-testid="queue-bulk-approve"]');
  const dialog = page.locator('.dialog');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /批量通过 2 份报告/);
  const named = await page.textContent('[data-testid="queue-confirm-names"]');
  for (const n of names) assert.ok(named.includes(n), `${n} named in "${named}"`);
  assert.match(await dialog.textContent(), /不能再修改/);
  await shot(page, 'review-queue-confirm');
  await page.click('[data-testid="queue-confirm-approve"]');
  await page.waitForSelector('text=已通过 2 份报告');
  await until(page, (c) => c.total === before.total - 2);
  for (const id of ids) {
    const { submission } = await gql('query($id: ID!) { submission(id: $id) { status } }', { id });
    assert.equal(submission.status, 'APPROVED');
  }
  await shot(page, 'review-queue-approved');
  await context.close();
});

test('"select all matching" reaches reports beyond the loaded page, and cancelling approves none', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, 'demo-reviewer');
  const { gql, round } = await currentRound(context);
  const waiting = async () => {
    const { reviewQueueEntries } = await gql(
      `query($r: ID!) { reviewQueueEntries(roundId: $r, statuses: [SUBMITTED, RESUBMITTED], first: 100) {
        edges { node { decidable } } } }`,
      { r: round.id },
    );
    return reviewQueueEntries.edges.filter((e) => e.node.decidable).length;
  };
  const decidable = await waiting();
  // every body, by deadline: the first page holds fewer of the reports awaiting a decision
  await page.goto(`${BASE_URL}/review?round=${round.id}&status=all`);
  await page.waitForSelector(rows);
  // rows of bodies that have not submitted are selectable too (for 催报): count the decidable ones
  const loaded = await page
    .locator(rows)
    .filter({ has: page.locator('input[type=checkbox]') })
    .filter({ has: page.locator('td:nth-child(3)', { hasText: /^(已报送|已重新报送)$/ }) })
    .count();
  assert.ok(loaded < decidable, `${loaded} selectable rows loaded of ${decidable}`);
  await page.click('[data-testid="queue-select-all-matching"]');
  await page.waitForSelector(`text=已选择全部符合条件的待审核报告，共 ${decidable} 份`);
  await page.click('[data-testid="queue-bulk-approve"]');
  const names = await page.textContent('[data-testid="queue-confirm-names"]');
  assert.match(names, new RegExp(`等 ${decidable} 份`));
  await shot(page, 'review-queue-confirm-all');
  await page.click('.dialog button:has-text("取消")');
  assert.equal(await waiting(), decidable, 'nothing approved after cancelling');
  await context.close();
});

test('催报 from the queue to two bodies that have not started, then once more within the quiet period', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, 'demo-reviewer');
  const { gql, round } = await currentRound(context);
  // leave alone the first bodies the overview's 催报 test picks
  const { remindCandidates } = await gql(
    'query($r: ID!, $n: ID!) { remindCandidates(roundId: $r, nodeId: $n, first: 50) { edges { node { name } } } }',
    { r: round.id, n: round.scopeOrganization.id },
  );
  const taken = new Set(
    remindCandidates.edges
      .map((e) => e.node.name)
      .filter((n) => !/人民政府/.test(n))
      .slice(0, 4),
  );
  await page.goto(`${BASE_URL}/review?round=${round.id}&status=NOT_STARTED`);
  await page.waitForSelector(`${rows} input[type=checkbox]`);
  const names = (await page.locator(`${rows} td:nth-child(2)`).allTextContents())
    .map((n) => n.trim())
    .filter((n) => !/人民政府/.test(n) && !taken.has(n))
    .slice(-2);
  assert.equal(names.length, 2, 'two bodies that have not started');
  for (const name of names) await page.getByLabel(`选择 ${name}`, { exact: true }).check();
  // approving applies to reports awaiting a decision only
  assert.ok(await page.locator('[data-testid="queue-bulk-approve"]').isDisabled());
  await page.click('[data-testid="queue-remind"]');
  const dialog = page.locator('.dialog');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /向 2 个单位催报/);
  const named = await page.textContent('[data-testid="queue-remind-names"]');
  for (const n of names) assert.ok(named.includes(n), `${n} named in "${named}"`);
  await page.fill('[data-testid="queue-remind-message"]', '请尽快登录填报年度报告');
  await shot(page, 'review-queue-remind-confirm');
  await page.click('[data-testid="queue-remind-confirm"]');
  const result = page.locator('[data-testid="queue-remind-result"]');
  await result.waitFor();
  assert.match(await result.textContent(), /已催报 2 个单位/);
  for (const n of names) {
    const { remindCandidates: found } = await gql(
      'query($r: ID!, $n: ID!, $q: String) { remindCandidates(roundId: $r, nodeId: $n, search: $q, first: 5) { edges { node { name lastRemindedAt } } } }',
      { r: round.id, n: round.scopeOrganization.id, q: n },
    );
    assert.ok(found.edges.find((e) => e.node.name === n)?.node.lastRemindedAt, `${n} reminded`);
  }
  await shot(page, 'review-queue-reminded');
  // the same body again within the quiet period: skipped, and said so
  await page.getByLabel(`选择 ${names[0]}`, { exact: true }).check();
  await page.click('[data-testid="queue-remind"]');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /向 1 个单位催报/);
  await page.click('[data-testid="queue-remind-confirm"]');
  await page.waitForSelector('[data-testid="queue-remind-result"]:has-text("已跳过")');
  assert.match(await result.textContent(), /已催报 0 个单位。 ?1 个单位 \d+ 小时内已催报，已跳过/);
  await context.close();
});
