// The overview's charts (ranking ends, gap heat-map, findings by rule, trend) drawn from the demo
// data at 1280 and 1024 px, and clicks that land on the filtered list behind a chart.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BASE_URL, chartDrawn, countChartPixels, launch, RESULTS, signIn } from './browser.mjs';

const CHARTS = ['chart-ranking', 'chart-heatmap', 'chart-findings', 'chart-trend'];

let browser;
const shot = (page, name) =>
  page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true });

/**
 * Page coordinates of a pixel of a chart's canvas that `accept` picks (scanned from the top
 * left), so a test can click a bar or a cell without knowing the layout.
 */
async function findPixel(page, testId, accept) {
  // ECharts may draw on several stacked canvases (a heat-map gets its own layer): scan them all.
  const found = await page.$$eval(
    `[data-testid="${testId}"] canvas`,
    (canvases, source) => {
      const pick = new Function('r', 'g', 'b', `return (${source})(r, g, b);`);
      for (const canvas of canvases) {
        const ctx = canvas.getContext('2d');
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        const scale = canvas.width / canvas.clientWidth;
        for (let y = 0; y < canvas.height; y += 2)
          for (let x = 0; x < canvas.width; x += 2) {
            const i = (y * canvas.width + x) * 4;
            if (data[i + 3] > 200 && pick(data[i], data[i + 1], data[i + 2]))
              return { x: x / scale + 3, y: y / scale + 3 };
          }
      }
      return null;
    },
    accept.toString(),
  );
  if (!found) return null;
  const box = await page.locator(`[data-testid="${testId}"]`).boundingBox();
  return { x: box.x + found.x, y: box.y + found.y };
}

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('the overview draws the ranking ends, gap heat-map, findings by rule and trend', async () => {
  for (const width of [1280, 1024]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await signIn(page, 'demo-supervisor');
    const started = Date.now();
    await page.goto(`${BASE_URL}/`);
    for (const id of CHARTS) {
      const ms = await chartDrawn(page, id, started);
      if (width === 1280) console.log(`# ${id} drawn: ${ms} ms after navigation`);
    }
    const green = await countChartPixels(page, '[data-testid="chart-ranking"]', [0x1a, 0x7f, 0x37]);
    const red = await countChartPixels(page, '[data-testid="chart-ranking"]', [0xcf, 0x22, 0x2e]);
    assert.ok(green > 200, `top bars drawn (${green} px)`);
    assert.ok(red > 200, `bottom bars drawn (${red} px)`);
    const cell = await findPixel(
      page,
      'chart-heatmap',
      (r, g, b) => r > 200 && b < 205 && r - b > 45,
    );
    assert.ok(cell, 'heat-map cells drawn');
    const findings = await countChartPixels(page, '[data-testid="chart-findings"]');
    assert.ok(findings > 500, `findings bars drawn (${findings} px)`);
    const blue = await countChartPixels(page, '[data-testid="chart-trend"]', [0x09, 0x69, 0xda]);
    assert.ok(blue > 50, `trend lines drawn (${blue} px)`);
    // Nothing wider than the viewport.
    const overflow = await page.evaluate(
      () =>
        globalThis.document.documentElement.scrollWidth -
        globalThis.document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0, `no horizontal scrolling at ${width}px (${overflow}px)`);
    await page.locator('[data-testid="chart-heatmap"]').scrollIntoViewIfNeeded();
    await shot(page, `overview-insights-${width}`);
    await context.close();
  }
});

test('a heat-map cell opens the ranking filtered by its flag, a ranking bar the organization', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, 'demo-supervisor');
  await page.goto(`${BASE_URL}/`);
  await chartDrawn(page, 'chart-heatmap', Date.now());
  await page.locator('[data-testid="chart-heatmap"]').scrollIntoViewIfNeeded();
  const cell = await findPixel(
    page,
    'chart-heatmap',
    (r, g, b) => r > 200 && b < 205 && r - b > 45,
  );
  assert.ok(cell, 'a flagged cell to click');
  await page.mouse.click(cell.x, cell.y);
  await page.waitForURL(/\/ranking\?.*flag=/);
  const flag = new URL(page.url()).searchParams.get('flag');
  assert.ok(flag, 'the flag is in the URL');
  await page.waitForSelector('[data-testid="ranking-table"] tbody tr');
  assert.equal(await page.$eval('[data-testid="flag-filter"]', (s) => s.value), flag);
  const summary = await page.textContent('[data-testid="ranking-summary"]');
  assert.ok(summary, 'the ranking summary is shown');
  // The filter choices come from the server: peer groups and department types with counts.
  const peers = await page.$$eval('[data-testid="peer-filter"] option', (o) => o.length);
  const depts = await page.$$eval('[data-testid="dept-filter"] option', (o) => o.length);
  assert.ok(peers > 1 && depts > 1, `filter choices listed (${peers}, ${depts})`);
  await shot(page, 'overview-heatmap-click-ranking');

  await page.goto(`${BASE_URL}/`);
  await chartDrawn(page, 'chart-ranking', Date.now());
  const bar = await findPixel(
    page,
    'chart-ranking',
    (r, g, b) => Math.abs(r - 0x1a) < 20 && Math.abs(g - 0x7f) < 20 && Math.abs(b - 0x37) < 20,
  );
  assert.ok(bar, 'a top bar to click');
  await page.mouse.click(bar.x, bar.y);
  await page.waitForURL(/\/organizations\/[0-9a-f-]{36}/);
  await context.close();
});

test('a bar of findings by rule opens the review queue filtered by that rule', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, 'demo-supervisor');
  await page.goto(`${BASE_URL}/`);
  await chartDrawn(page, 'chart-findings', Date.now());
  await page.locator('[data-testid="chart-findings"]').scrollIntoViewIfNeeded();
  // The longest bar is the first one (most findings), in the warning colour #bf8700.
  const bar = await findPixel(
    page,
    'chart-findings',
    (r, g, b) => Math.abs(r - 0xbf) < 20 && Math.abs(g - 0x87) < 20 && b < 40,
  );
  assert.ok(bar, 'a warning bar to click');
  const listed = page.waitForResponse(
    (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('"rule":"'),
  );
  await page.mouse.click(bar.x, bar.y);
  await page.waitForURL(/\/review\?.*rule=/);
  const rule = new URL(page.url()).searchParams.get('rule');
  assert.match(rule, /^[a-zA-Z]+\.[a-zA-Z]+$/);
  await page.waitForSelector('[data-testid="rule-filter"]');
  const response = await listed;
  assert.ok((response.request().postData() ?? '').includes(`"rule":"${rule}"`));
  const body = await response.json();
  assert.ok(body.data.reviewQueueEntries.totalCount > 0, `reports with ${rule} are listed`);
  await shot(page, 'overview-findings-click-review');
  await context.close();
});
