// Batch import of published reports in Debian Chromium against the real server and demo data: a
// supervisor uploads a zip of a year's published reports (HTML and text pages of three bodies, a
// self-inspection report, a damaged Word file), watches the progress, reads the result table —
// imported / needs a choice / not a report / failed, each reason in Chinese — picks the body of the
// file whose name fits several, and finds the imported report on that body's page.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import testing from '@gongkai/report-model/testing';
import importer from '@gongkai/report-import';
import { zipSync } from 'fflate';
import { apiSignIn, BASE_URL, graphql, launch, RESULTS, signIn } from './browser.mjs';

const { generateConsistentReport } = testing;
const { renderReportHtml, renderReportText } = importer;
const YEAR = 2019;

let browser;
const state = {};

/** A zip of stored entries (fflate writes non-ASCII names in UTF-8 with the flag). */
const zip = (entries) =>
  Buffer.from(
    zipSync(Object.fromEntries(entries.map(([name, data]) => [name, new Uint8Array(data)])), {
      level: 0,
    }),
  );

const report = (seed, name) =>
  generateConsistentReport(seed, '2019', YEAR, { organization: { name, region: null } });

before(async () => {
  browser = await launch();
  const admin = await browser.newContext();
  const asAdmin = graphql(admin);
  await apiSignIn(asAdmin, 'demo-admin');
  const { organizations: cities } = await asAdmin(
    '{ organizations(levels: [CITY], first: 5) { edges { node { id name } } } }',
  );
  const city = cities.edges[0].node;
  // the published reports of a year before the demo's rounds: its round is set up for the import
  await asAdmin(`mutation($i: CreateRoundInput!) { createRound(input: $i) { id } }`, {
    i: { year: YEAR, scopeOrganizationId: city.id },
  });
  const { organizations } = await asAdmin(
    `query($c: ID!, $y: Int!) { organizations(withinId: $c, levels: [DEPARTMENT], reportsOnly: true,
       activeInYear: $y, first: 100) { edges { node { id name kind } } } }`,
    { c: city.id, y: YEAR },
  );
  const bodies = organizations.edges.map((e) => e.node);
  // a name that fits several bodies: the kind alone (民政局 of the city and of each county)
  const byKind = new Map();
  for (const b of bodies) if (b.kind) byKind.set(b.kind, [...(byKind.get(b.kind) ?? []), b]);
  const shared = [...byKind.entries()].find(([, list]) => list.length >= 2);
  assert.ok(shared, 'the demo has bodies of the same kind in different counties');
  const [suffix, sharing] = shared;
  const others = bodies.filter((b) => !sharing.includes(b));
  Object.assign(state, { city, suffix, sharing, first: others[0], second: others[1] });
  await admin.close();
});

after(async () => {
  await browser?.close();
});

test('a supervisor imports a zip of published reports and picks the body of an uncertain one', async () => {
  const archive = zip([
    [
      `${YEAR}年报/${state.first.name}${YEAR}年政府信息公开工作年度报告.html`,
      Buffer.from(renderReportHtml(report(1, state.first.name))),
    ],
    [
      `${YEAR}年报/${state.second.name}.txt`,
      Buffer.from(renderReportText(report(2, state.second.name))),
    ],
    [`${YEAR}年报/${state.suffix}.txt`, Buffer.from(renderReportText(report(3, state.suffix)))],
    [
      `${YEAR}年报/自查报告.txt`,
      Buffer.from(
        `${state.first.name}${YEAR}年政务公开工作自查报告\n\n一、自查情况\n今年以来，我局认真开展政务公开工作自查。\n二、存在问题\n个别栏目更新不及时。\n`,
      ),
    ],
    [`${YEAR}年报/损坏的文件.docx`, Buffer.from('这不是 Word 文件')],
  ]);

  for (const width of [1280, 1920]) {
    const context = await browser.newContext({
      viewport: { width, height: 1000 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    await signIn(page, 'demo-supervisor');
    await page.goto(`${BASE_URL}/import`);
    await page.getByLabel('统计年度').fill(String(YEAR));
    await page.locator('input[type=file]').setInputFiles({
      name: `${YEAR}年报.zip`,
      mimeType: 'application/zip',
      buffer: archive,
    });
    await page.getByRole('button', { name: '开始导入' }).click();
    // the progress bar runs to 5 / 5
    await page.getByText('5 / 5 份').first().waitFor({ timeout: 60_000 });
    const table = page.locator('[data-testid="import-items"]');
    await table.getByText('待选择单位').first().waitFor();
    const rows = table.locator('tbody tr');
    await assert.doesNotReject(() => rows.nth(4).waitFor());
    const text = await table.innerText();
    if (width === 1280) {
      // the first upload stores; the second finds the reports already there
      assert.match(text, /已导入/);
      assert.equal(await table.getByText('已导入').count(), 2);
    } else assert.equal(await table.getByText('已匹配，未导入').count(), 2);
    assert.match(text, /待选择单位/);
    assert.match(text, /不是年度报告/);
    assert.match(text, /失败/);
    // reasons in Chinese: no reason keys, no English messages
    assert.doesNotMatch(text, /import\.|[A-Za-z]{4,} [a-z]{3,}/);
    await page.screenshot({ path: join(RESULTS, `import-batch-${width}.png`), fullPage: true });

    if (width === 1280) {
      // the uncertain file: pick one of the bodies its name fits
      const chosen = state.sharing[0];
      const row = rows.filter({ hasText: `${state.suffix}.txt` });
      await row.locator('select').selectOption({ label: chosen.name });
      await row.getByRole('button', { name: '导入' }).click();
      await row.getByText('已导入').waitFor();
      state.chosen = chosen;
    }
    await context.close();
  }

  // the imported report is on the body's page, in the year's row
  const context = await browser.newContext({
    viewport: { width: 1280, height: 1000 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  await signIn(page, 'demo-supervisor');
  await page.goto(`${BASE_URL}/organizations/${state.chosen.id}`);
  await page.getByRole('heading', { name: state.chosen.name }).waitFor();
  const yearCell = page.locator('table td', { hasText: new RegExp(`^${YEAR}$`) });
  await yearCell.first().waitFor();
  await page.screenshot({ path: join(RESULTS, 'import-batch-organization.png'), fullPage: true });
  const gql = graphql(context);
  const { submissions } = await gql(
    `query($o: ID!) { submissions(organizationId: $o, first: 50) { edges { node { round { year } currentVersion { source } } } } }`,
    { o: state.chosen.id },
  );
  const imported = submissions.edges.map((e) => e.node).find((s) => s.round.year === YEAR);
  assert.equal(imported?.currentVersion?.source, 'IMPORTED');
  await context.close();
});
