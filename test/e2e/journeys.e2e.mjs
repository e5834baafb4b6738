/* global document, HTMLInputElement, MutationObserver */
// The three journeys of the dashboard, in Debian Chromium against the real server and demo data:
// a bureau imports a seed report, fixes what the rules flag and submits; a reviewer returns it
// with a cell comment, the bureau resubmits, the reviewer approves; a supervisor filters the
// ranking, opens an explanation, freezes a snapshot and downloads the .xlsx.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import {
  apiSignIn,
  BASE_URL,
  chartDrawn,
  countChartPixels,
  graphql,
  launch,
  RESULTS,
  signIn,
} from './browser.mjs';

const SEED = join(import.meta.dirname, '..', 'fixtures', 'seeds', '004_93cc59fd4472e040.txt');
const BUREAU = { username: 'e2e-bureau', password: 'e2e-bureau-password' };
const NATURAL = '#field-applications-newReceived-natural';

let browser;
const state = {};
const shot = (page, name) =>
  page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true });

/**
 * Types `value` into the new-applications cell as one input event and returns the milliseconds
 * until the findings panel shows the row-total finding (measured in the page).
 */
const rowTotalFlaggedAfter = (page, value) =>
  page.evaluate(
    async ({ selector, value }) => {
      const input = document.querySelector(selector);
      const panel = document.querySelector('[data-testid="findings-panel"]');
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      const started = performance.now();
      const seen = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (panel.querySelector('[data-rule="applications.rowTotal"]')) {
            observer.disconnect();
            resolve(performance.now() - started);
          }
        });
        observer.observe(panel, { childList: true, subtree: true });
      });
      setter.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      return seen;
    },
    { selector: NATURAL, value },
  );

before(async () => {
  browser = await launch();
  // Setup as the demo administrator: open a 2019 round of the demo city (seed 004 is a 2019
  // report; the demo keeps six closed rounds before the current one, so it may have to be
  // created) and give one body that has not reported a bureau account.
  const admin = await browser.newContext();
  const gql = graphql(admin);
  await apiSignIn(gql, 'demo-admin');
  const { rounds: all } = await gql(
    `{ rounds { id year revision status scopeOrganization { id name level } } }`,
  );
  // the round being collected is the demo city's only open round
  const current = all.find((r) => r.status === 'OPEN' && r.scopeOrganization.level === 'CITY');
  assert.ok(current, 'the demo data has an open city round');
  const city = current.scopeOrganization;
  let round = all.find((r) => r.year === 2019 && r.scopeOrganization.id === city.id);
  if (!round) {
    const { createRound } = await gql(
      `mutation($city: ID!) { createRound(input: { year: 2019, scopeOrganizationId: $city }) { id year revision status scopeOrganization { id name level } } }`,
      { city: city.id },
    );
    round = createRound;
  }
  if (round.status !== 'OPEN') {
    await gql(
      `mutation($id: ID!, $rev: Int!) { updateRound(input: { id: $id, expectedRevision: $rev, status: OPEN }) { status } }`,
      {
        id: round.id,
        rev: round.revision,
      },
    );
  }
  const { roundStats } = await gql(
    `query($r: ID!, $n: ID!) { roundStats(roundId: $r, nodeId: $n) { missingOrganizationIds } }`,
    { r: round.id, n: round.scopeOrganization.id },
  );
  let organization;
  for (const id of roundStats.missingOrganizationIds) {
    const { organization: o } = await gql(
      `query($id: ID!) { organization(id: $id) { id name level } }`,
      { id },
    );
    if (o.level === 'DEPARTMENT') {
      organization = o;
      break;
    }
  }
  assert.ok(organization, 'a department has not reported in 2019');
  await gql(
    `mutation($org: ID!, $u: String!, $p: String!) { createUser(input: { username: $u, displayName: "E2E 填报员", password: $p, role: BUREAU, organizationId: $org }) { user { id } } }`,
    { org: organization.id, u: BUREAU.username, p: BUREAU.password },
  );
  Object.assign(state, { round, organization, currentRoundId: current.id });
  await admin.close();
});

after(async () => {
  await browser?.close();
});

test('a bureau imports a seed report, fixes what the rules flag and submits', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, BUREAU.username, BUREAU.password);
  await page.waitForSelector('[data-testid="bureau-rounds"]');
  await shot(page, 'bureau-home');
  const row = page.locator('[data-testid="bureau-rounds"] tbody tr', { hasText: '2019' }).filter({
    hasText: '演示市',
  });
  await row.getByRole('button').click();
  await page.waitForURL(/\/submissions\//);
  state.submissionId = page.url().split('/').pop();

  // Upload the seed: the server parses it into a version and the form reloads with it.
  await page.setInputFiles('[data-testid="upload-input"]', SEED);
  await page.waitForFunction(
    () => document.querySelector('#field-article20-licensing-change')?.value === '16',
    null,
    { timeout: 20_000 },
  );
  await page.waitForSelector('[data-rule="completeness.sections"]');
  await shot(page, 'bureau-form-imported');

  // Bad input in a cell is explained inline and blocks sending.
  const before = await page.inputValue(NATURAL);
  await page.fill(NATURAL, '１２ab');
  await page.focus(NATURAL);
  const tip = page.locator(`${NATURAL} ~ .cell-tip`);
  assert.match(await tip.textContent(), /不是数字/);
  assert.equal(await page.isDisabled('button:has-text("报送")'), true);

  // A wrong number is flagged by the same rules the server runs, beside the cell, live.
  const latencyMs = await rowTotalFlaggedAfter(page, '999');
  console.log(
    `# keystroke to findings (2019 seed report, in the bureau form): ${latencyMs.toFixed(0)} ms`,
  );
  assert.match(await page.getAttribute(NATURAL, 'aria-invalid'), /true/);
  await shot(page, 'bureau-form-flagged');

  // Fix the cell and the section the import found missing.
  await page.fill(NATURAL, before);
  await page.fill('#field-sections-other', '本机关本年度未收取信息处理费。');
  await page.waitForFunction(() => !document.querySelector('.findings-panel .finding.sev-error'));
  await page.click('button:has-text("报送")');
  await page.click('[data-testid="confirm-submit"]');
  await page.waitForSelector('.badge:has-text("已报送")', { timeout: 15_000 });
  await shot(page, 'bureau-submitted');
  const gql = graphql(context);
  const { submission } = await gql(
    `query($id: ID!) { submission(id: $id) { status currentVersion { errorCount report } } }`,
    {
      id: state.submissionId,
    },
  );
  assert.equal(submission.status, 'SUBMITTED');
  assert.equal(submission.currentVersion.errorCount, 0);
  assert.match(submission.currentVersion.report.sections.other, /信息处理费/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a reviewer returns it with a cell comment, the bureau resubmits, the reviewer approves', async () => {
  assert.ok(state.submissionId, 'the bureau journey submitted a report');
  const reviewer = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await reviewer.newPage();
  await signIn(page, 'demo-reviewer');
  await page.goto(`${BASE_URL}/review?round=${state.round.id}`);
  await page.waitForSelector('[data-testid="review-queue"]');
  await shot(page, 'review-queue');
  await page.click(`[data-testid="review-queue"] a[href="/review/${state.submissionId}"]`);
  await page.waitForSelector('[data-testid="findings-panel"]');
  await page.click('#field-applications-total-total');
  await page.fill('[data-testid="comment-body"]', '请核对总计数');
  await page.click('.dialog button:has-text("添加意见")');
  await page.fill('.review-panel textarea', '请按意见修改后重新报送');
  await shot(page, 'review-return');
  await page.click('.review-panel button:has-text("退回修改")');
  await page.click('[data-testid="confirm-decision"]');
  await page.waitForURL(/\/review(\?|$)/);

  const bureau = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const bp = await bureau.newPage();
  await signIn(bp, BUREAU.username, BUREAU.password);
  await bp.goto(`${BASE_URL}/submissions/${state.submissionId}`);
  await bp.waitForSelector('[data-testid="return-notice"]');
  assert.match(await bp.textContent('[data-testid="return-notice"]'), /请核对总计数/);
  assert.match(
    await bp.getAttribute('td[data-cell="applications.total.total"]', 'class'),
    /commented/,
  );
  await shot(bp, 'bureau-returned-1024');
  await bp.click('button:has-text("重新报送")');
  await bp.fill('[data-testid="resubmit-reply"]', '已核对总计数');
  await bp.click('[data-testid="confirm-submit"]');
  await bp.waitForSelector('.badge:has-text("已重新报送")', { timeout: 15_000 });
  await bureau.close();

  await page.goto(`${BASE_URL}/review/${state.submissionId}`);
  await page.click('.review-panel button:has-text("通过")');
  await page.click('[data-testid="confirm-decision"]');
  await page.waitForURL(/\/review(\?|$)/);
  const { submission } = await graphql(reviewer)(
    `query($id: ID!) { submission(id: $id) { status returnCount comments { cell body } } }`,
    {
      id: state.submissionId,
    },
  );
  assert.equal(submission.status, 'APPROVED');
  assert.equal(submission.returnCount, 1);
  assert.deepEqual(
    submission.comments.map((c) => c.cell),
    ['applications.total.total'],
  );
  await reviewer.close();
});

test('the overview draws its charts from the demo data and drills down', async () => {
  for (const width of [1280, 1024]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await signIn(page, 'demo-reviewer');
    const started = Date.now();
    await page.goto(`${BASE_URL}/`);
    const ms = await chartDrawn(page, 'chart-completion', started);
    if (width === 1280) console.log(`# overview charts drawn: ${ms} ms after navigation`);
    const pixels = await countChartPixels(
      page,
      '[data-testid="chart-completion"]',
      [0x1a, 0x7f, 0x37],
    );
    assert.ok(pixels > 200, `approved bars drawn (${pixels} px)`);
    await shot(page, `overview-${width}`);
    await context.close();
  }
});

test('a supervisor filters the ranking, opens an explanation, freezes a snapshot and downloads the .xlsx', async () => {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await signIn(page, 'demo-supervisor');
  await page.goto(`${BASE_URL}/ranking?round=${state.currentRoundId}`);
  await page.waitForSelector('[data-testid="ranking-table"] tbody tr a');
  await page.waitForSelector('[data-testid="flag-filter"] option:nth-child(2)', {
    state: 'attached',
  });
  const flag = await page.$eval('[data-testid="flag-filter"] option:nth-child(2)', (o) => o.value);
  // Wait for the filtered page itself: until it arrives the table may still show (or briefly
  // clear) the unfiltered rows.
  const filtered = page.waitForResponse(
    (r) =>
      r.url().endsWith('/graphql') &&
      (r.request().postData() ?? '').includes(`"flag":"${flag}"`) &&
      (r.request().postData() ?? '').includes('ranking'),
  );
  await page.selectOption('[data-testid="flag-filter"]', flag);
  await page.waitForURL(new RegExp(`flag=${encodeURIComponent(flag).replace(/\./g, '\\.')}`));
  await filtered;
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="ranking-table"] tbody tr').length > 0,
  );
  const shown = await page.$$eval('[data-testid="ranking-table"] tbody tr', (rows) => rows.length);
  assert.ok(shown > 0, 'the filtered ranking has rows');
  await shot(page, 'ranking-filtered');

  await page.click('[data-testid="ranking-table"] tbody tr:first-child button[aria-label^="查看"]');
  await page.waitForSelector('[data-testid="chart-waterfall"][data-rendered="true"]');
  const green = await countChartPixels(page, '[data-testid="chart-waterfall"]', [0x1a, 0x7f, 0x37]);
  assert.ok(green > 300, `waterfall bars drawn (${green} px)`);
  await shot(page, 'ranking-explanation');
  await page.keyboard.press('Escape');

  await page.click('button:has-text("冻结当前排名")');
  await page.click('[data-testid="confirm-snapshot"]');
  await page.waitForURL(/snapshot=/);
  await page.waitForSelector('.snapshot-list li.selected');
  const download = page.waitForEvent('download');
  await page.click('[data-testid="export-xlsx"]');
  const file = join(RESULTS, 'ranking.xlsx');
  await (await download).saveAs(file);
  await shot(page, 'ranking-frozen');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await readFile(file));
  const sheet = workbook.worksheets[0];
  assert.ok(sheet.rowCount > 10, `the ranking sheet has rows (${sheet.rowCount})`);
  const text = [];
  sheet.eachRow((row) => text.push(row.values.join('|')));
  assert.match(text.join('\n'), /演示市/);
  await context.close();
});

test('the form checks a 2021 report live as the user types', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const testing = await import('@gongkai/report-model/testing');
  const { generateConsistentReport } = testing.default ?? testing;
  const report = generateConsistentReport(2021, '2021', 2022);
  await page.goto(`${BASE_URL}/check?year=2022`);
  await page.setInputFiles('input[type=file]', {
    name: 'report-2022.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(report)),
  });
  await page.waitForFunction(
    (v) => document.querySelector('#field-applications-total-total')?.value === String(v),
    report.tables.applications.total.total,
  );
  const samples = [];
  for (let i = 1; i <= 5; i += 1) {
    await page.fill(NATURAL, String(report.tables.applications.newReceived.natural));
    await page.waitForFunction(
      () => !document.querySelector('[data-rule="applications.rowTotal"]'),
    );
    samples.push(
      await rowTotalFlaggedAfter(page, String(report.tables.applications.newReceived.natural + i)),
    );
  }
  samples.sort((a, b) => a - b);
  const median = samples[2];
  console.log(
    `# keystroke to findings, 2021 report: median ${median.toFixed(0)} ms (debounce 100 ms included), samples ${samples.map((s) => s.toFixed(0)).join(', ')}`,
  );
  assert.ok(median < 600, `findings follow the keystroke quickly (${median} ms)`);
  await shot(page, 'self-check-2021');
  await context.close();
});
