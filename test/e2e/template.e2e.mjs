/* global document */
// The Excel template round trip, in Debian Chromium against the real server and demo data: the
// demo bureau downloads the template of its round from the submission page, the workbook has one
// sheet per table of the template with the template's labels; one value filled in offline comes
// back through the page's upload control, prefilled and highlighted for confirmation.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROW_LABELS, TABLE_LABELS, TEMPLATES } from '@gongkai/report-model';
import ExcelJS from 'exceljs';
import { apiSignIn, BASE_URL, graphql, launch, RESULTS, signIn } from './browser.mjs';

const EDITABLE = new Set(['DRAFT', 'RETURNED']);
/** A value no template cell of an empty report holds, to find it again on the page. */
const FILLED = 37;

let browser;
const state = {};
const shot = (page, name) =>
  page.screenshot({ path: join(RESULTS, `template-${name}.png`), fullPage: true });

before(async () => {
  browser = await launch();
  // Setup over GraphQL: the demo bureau's submission in its open round, returned by the demo
  // reviewer if it was submitted (the demo data submits it), so that the bureau can edit it.
  const bureau = await browser.newContext();
  const gql = graphql(bureau);
  await apiSignIn(gql, 'demo-bureau');
  const { me } = await gql('{ me { user { organizationId } } }');
  const organizationId = me.user.organizationId;
  const { rounds } = await gql(
    `query($id: ID!) { rounds(forOrganizationId: $id) { id year template status } }`,
    { id: organizationId },
  );
  const round = rounds.find((r) => r.status === 'OPEN' && TEMPLATES[r.template]?.tables.length);
  assert.ok(round, 'the demo bureau reports in an open round with tables');
  const { submissions } = await gql(
    `query($org: ID!, $round: ID!) { submissions(organizationId: $org, roundId: $round) { edges { node { id status revision } } } }`,
    { org: organizationId, round: round.id },
  );
  let submission = submissions.edges[0]?.node;
  if (!submission) {
    submission = (
      await gql(
        `mutation($input: StartSubmissionInput!) { startSubmission(input: $input) { id status revision } }`,
        { input: { organizationId, roundId: round.id } },
      )
    ).startSubmission;
  }
  if (!EDITABLE.has(submission.status)) {
    const reviewer = await browser.newContext();
    const asReviewer = graphql(reviewer);
    await apiSignIn(asReviewer, 'demo-reviewer');
    submission = (
      await asReviewer(
        `mutation($input: ReturnSubmissionInput!) { returnSubmission(input: $input) { id status revision } }`,
        {
          input: {
            submissionId: submission.id,
            expectedRevision: submission.revision,
            reason: '请用 Excel 模板重新填写',
          },
        },
      )
    ).returnSubmission;
    await reviewer.close();
  }
  assert.ok(EDITABLE.has(submission.status), `the submission is editable (${submission.status})`);
  Object.assign(state, { round, submissionId: submission.id });
  await bureau.close();
});

after(async () => {
  await browser?.close();
});

test('the bureau downloads the Excel template, fills a cell offline and uploads it back', async () => {
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  await signIn(page, 'demo-bureau');
  await page.goto(`${BASE_URL}/submissions/${state.submissionId}`);
  await page.waitForSelector('.cell-input');
  await shot(page, 'before');

  // The download, opened as a workbook.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: '下载 Excel 模板' }).click(),
  ]);
  const downloaded = join(RESULTS, 'template-downloaded.xlsx');
  await download.saveAs(downloaded);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(downloaded);

  const tables = TEMPLATES[state.round.template].tables;
  const tableSheets = workbook.worksheets.filter((s) =>
    String(s.getCell('A1').value ?? '').startsWith('table:'),
  );
  assert.deepEqual(
    tableSheets.map((s) => s.name),
    tables.map((t) => TABLE_LABELS[t.id].zh.slice(0, 31)),
    'one sheet per table of the template, named by its label, in order',
  );
  for (const [i, def] of tables.entries()) {
    const sheet = tableSheets[i];
    assert.equal(sheet.getCell('A1').value, `table:${def.id}`);
    const labels = def.rows.map((_, r) => ({
      key: sheet.getCell(3 + r, 1).value,
      label: sheet.getCell(3 + r, 2).value,
    }));
    assert.deepEqual(
      labels,
      def.rows.map((row) => ({ key: row.key, label: ROW_LABELS[def.id][row.key]?.zh ?? row.key })),
      `the rows of ${def.id} carry the template's labels`,
    );
  }

  // Fill the first open value cell of the first table and save the workbook.
  const sheet = tableSheets[0];
  let target;
  sheet.eachRow((row, rowNumber) => {
    if (target || rowNumber < 3) return;
    row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
      if (target || colNumber < 3 || cell.protection?.locked !== false) return;
      target = { cell, rowKey: row.getCell(1).value, column: sheet.getCell(1, colNumber).value };
    });
  });
  assert.ok(target, 'the first table sheet has an open value cell');
  assert.equal(target.cell.value ?? null, null, 'the template cell starts blank');
  target.cell.value = FILLED;
  const filled = join(RESULTS, 'template-filled.xlsx');
  await workbook.xlsx.writeFile(filled);
  const path = `${tables[0].id}.${target.rowKey}.${target.column}`;

  // Upload through the page's control: the value is prefilled and highlighted to confirm.
  await page.setInputFiles('[data-testid="upload-input"]', filled);
  const input = page.locator(`[data-cell="${path}"] input`);
  await page.waitForFunction(
    ([selector, value]) =>
      document.querySelector(selector)?.value === value ||
      document.querySelector('.toast.tone-error'),
    [`[data-cell="${path}"] input`, String(FILLED)],
    { timeout: 20_000 },
  );
  const failed = page.locator('.toast.tone-error');
  assert.equal(await failed.count(), 0, `the upload failed: ${await failed.allInnerTexts()}`);
  assert.equal(await input.inputValue(), String(FILLED));
  assert.match(
    (await page.locator(`[data-cell="${path}"]`).getAttribute('class')) ?? '',
    /\bguessed\b/,
    'the uploaded value is highlighted for confirmation',
  );
  const note = page.locator('.guessed-note');
  await note.waitFor();
  assert.match(await note.innerText(), /1 个导入的数值待核对/);
  await input.scrollIntoViewIfNeeded();
  await shot(page, 'uploaded');

  // Confirming clears the highlight.
  await note.getByRole('button').click();
  await page.waitForSelector(`[data-cell="${path}"]:not(.guessed)`);
  await context.close();
});
