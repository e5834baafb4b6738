// An organization renamed to a hostile name, shown in the overview's gap heat-map: hovering its
// row shows the name as text in the tooltip, and no script runs (no dialog, no `window.__xss`,
// no CSP violation — launch() fails the file on one). The pages carry the security headers.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BASE_URL, chartDrawn, graphql, launch, RESULTS, signIn } from './browser.mjs';

const HOSTILE = '<img src=x onerror="window.__xss=1;alert(1)">';

let browser;
let admin;
let renamed = null;

before(async () => {
  browser = await launch();
  admin = await browser.newContext();
  await signIn(await admin.newPage(), 'demo-admin');
});

after(async () => {
  if (renamed) {
    const gql = graphql(admin);
    const { organization } = await gql('query($id: ID!) { organization(id: $id) { revision } }', {
      id: renamed.id,
    });
    await gql('mutation($i: UpdateOrganizationInput!) { updateOrganization(input: $i) { id } }', {
      i: { id: renamed.id, expectedRevision: organization.revision, name: renamed.name },
    });
  }
  await admin?.close();
  await browser?.close();
});

test('the HTML pages carry a strict CSP, no framing, nosniff and a referrer policy', async () => {
  const res = await admin.request.get(`${BASE_URL}/`);
  const csp = res.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(res.headers()['x-content-type-options'], 'nosniff');
  assert.equal(res.headers()['referrer-policy'], 'same-origin');
});

test('a hostile organization name in the heat-map tooltip is shown as text and runs nothing', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page, 'demo-supervisor');

  // The heat-map's first row (worst first) is the organization to rename.
  const matrixResponse = page.waitForResponse(
    (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('flagMatrix'),
  );
  await page.goto(`${BASE_URL}/`);
  const matrix = (await (await matrixResponse).json()).data.flagMatrix;
  const first = matrix.rows[0];
  assert.ok(first, 'the heat-map has a row');
  const gql = graphql(admin);
  const { organization } = await gql(
    'query($id: ID!) { organization(id: $id) { id name revision } }',
    { id: first.organizationId },
  );
  await gql('mutation($i: UpdateOrganizationInput!) { updateOrganization(input: $i) { id } }', {
    i: { id: organization.id, expectedRevision: organization.revision, name: HOSTILE },
  });
  renamed = { id: organization.id, name: organization.name };

  await page.reload();
  await chartDrawn(page, 'chart-heatmap', Date.now());
  const chart = page.locator('[data-testid="chart-heatmap"]');
  await chart.scrollIntoViewIfNeeded();
  // Hover each cell of the top row until the tooltip names the organization.
  const box = await chart.boundingBox();
  const cells = await page.$$eval('[data-testid="chart-heatmap"] canvas', (canvases) => {
    const found = [];
    for (const canvas of canvases) {
      const ctx = canvas.getContext('2d');
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const scale = canvas.width / canvas.clientWidth;
      let row = -1;
      for (let y = 0; y < canvas.height && found.length < 12; y += 2)
        for (let x = 0; x < canvas.width; x += 4) {
          const i = (y * canvas.width + x) * 4;
          const [r, b, a] = [data[i], data[i + 2], data[i + 3]];
          if (a > 200 && r > 200 && b < 205 && r - b > 45) {
            if (row === -1) row = y;
            if (y - row < 6) found.push({ x: x / scale + 3, y: y / scale + 3 });
            x += 20 * scale;
          }
        }
    }
    return found;
  });
  assert.ok(cells.length > 0, 'a coloured cell in the top row');
  let tooltip = null;
  for (const cell of cells) {
    await page.mouse.move(box.x + cell.x, box.y + cell.y);
    tooltip = await page
      .waitForFunction(
        (name) =>
          [...globalThis.document.querySelectorAll('[data-testid="chart-heatmap"] div')].find(
            (d) => d.childElementCount < 5 && (d.textContent ?? '').includes(name),
          )?.innerHTML ?? null,
        HOSTILE,
        { timeout: 2_000 },
      )
      .then((h) => h.jsonValue())
      .catch(() => null);
    if (tooltip) break;
  }
  assert.ok(tooltip, 'the tooltip shows the hostile name as text');
  assert.ok(!/<img/i.test(tooltip), `no element made of the name: ${tooltip}`);
  await page.screenshot({ path: join(RESULTS, 'security-heatmap-hostile-name.png') });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => globalThis.__xss), undefined, 'no script ran');
  assert.deepEqual(dialogs, [], 'no dialog opened');
  assert.deepEqual(browser.cspViolations, [], 'no CSP violation');
  await context.close();
});
