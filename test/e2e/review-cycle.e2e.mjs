/* global document */
// The review cycle in Debian Chromium against the real server and demo data: a reviewer returns
// a submitted report with a reason and a cell comment → the bureau sees the reason on its home
// and at the top of its form, marks the comment dealt with, corrects a field and resubmits with a
// reply → the reviewer opens the report on the changes since the return, reads the reply and
// approves after a confirmation → reopens it with a reason → the bureau sees that reason.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { apiSignIn, BASE_URL, graphql, launch, RESULTS, signIn } from './browser.mjs';

const BUREAU = { username: 'e2e-cycle-bureau', password: 'e2e-cycle-bureau-password' };
const RETURN_REASON = '培训次数与正文不一致，请核对';
const COMMENT = '请核对总计数';
const REPLY = '已核对：培训次数按正文更正，总计数无误';
const REOPEN_REASON = '复核发现漏报一次培训，请补充';
const MINUTE = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/;
/** An internal identifier on screen: `word.word` in Latin letters. */
const IDENTIFIER = /\b[a-z][A-Za-z]+\.[a-z][A-Za-z]+\b/;

let browser;
const state = {};
const shot = (page, name) =>
  page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true });
const sizes = [
  { width: 1280, height: 900 },
  { width: 1920, height: 1080 },
];

before(async () => {
  browser = await launch();
  // Setup as the demo administrator: a department's report in the open city round that waits
  // for review and was never returned, and a bureau account for that department.
  const admin = await browser.newContext();
  const gql = graphql(admin);
  await apiSignIn(gql, 'demo-admin');
  const { rounds } = await gql(`{ rounds { id year status scopeOrganization { level } } }`);
  const current = rounds.find((r) => r.status === 'OPEN' && r.scopeOrganization.level === 'CITY');
  assert.ok(current, 'the demo data has an open city round');
  const { submissions } = await gql(
    `query($r: ID!) { submissions(roundId: $r, statuses: [SUBMITTED], first: 100) {
      edges { node { id organizationId organization { name level } returns { id } } } } }`,
    { r: current.id },
  );
  // not the reviewer's own office (a reviewer does not review its own report)
  const reviewer = await browser.newContext();
  await apiSignIn(graphql(reviewer), 'demo-reviewer');
  const { me } = await graphql(reviewer)(`{ me { user { organizationId } } }`);
  await reviewer.close();
  const pick = submissions.edges
    .map((e) => e.node)
    .find(
      (s) =>
        s.organization.level === 'DEPARTMENT' &&
        s.returns.length === 0 &&
        s.organizationId !== me.user.organizationId,
    );
  assert.ok(pick, 'a department report waits for review');
  await gql(
    `mutation($org: ID!, $u: String!, $p: String!) { createUser(input: { username: $u, displayName: "E2E 退回答复员", password: $p, role: BUREAU, organizationId: $org }) { user { id } } }`,
    { org: pick.organizationId, u: BUREAU.username, p: BUREAU.password },
  );
  Object.assign(state, { id: pick.id, name: pick.organization.name, year: current.year });
  await admin.close();
});

after(async () => {
  await browser?.close();
});

test('a reviewer returns the report with a reason and a cell comment, after a confirmation', async () => {
  const context = await browser.newContext({ viewport: sizes[0] });
  const page = await context.newPage();
  await signIn(page, 'demo-reviewer');
  await page.goto(`${BASE_URL}/review/${state.id}`);
  await page.waitForSelector('[data-testid="findings-panel"]');
  // no reason: the return is refused on the page with a clear message, nothing is sent
  await page.click('.review-panel button:has-text("退回修改")');
  assert.match(await page.textContent('.review-panel .field-error'), /请填写退回理由/);
  assert.equal(await page.$('.dialog'), null);
  await page.click('#field-applications-total-total');
  await page.fill('[data-testid="comment-body"]', COMMENT);
  await page.click('.dialog button:has-text("添加意见")');
  await page.fill('[data-testid="return-reason-input"]', RETURN_REASON);
  await page.click('.review-panel button:has-text("退回修改")');
  const dialog = await page.textContent('.dialog');
  assert.match(dialog, new RegExp(`退回${state.name} ${state.year} 年度报告`));
  assert.match(dialog, /1 条单元格意见/);
  assert.match(dialog, new RegExp(RETURN_REASON));
  await shot(page, 'cycle-return-confirm-1280');
  await page.click('[data-testid="confirm-decision"]');
  await page.waitForURL(/\/review(\?|$)/);
  await context.close();
});

test('the bureau sees the reason on its home and form, marks the comment, corrects and resubmits with a reply', async () => {
  for (const viewport of sizes) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await signIn(page, BUREAU.username, BUREAU.password);
    await page.goto(`${BASE_URL}/`);
    await page.waitForSelector('[data-testid="bureau-return-reason"]');
    const home = await page.textContent('[data-testid="bureau-return-reason"]');
    assert.match(home, new RegExp(`已退回：${RETURN_REASON}`));
    assert.match(home, MINUTE);
    await shot(page, `cycle-bureau-home-returned-${viewport.width}`);
    await page.goto(`${BASE_URL}/submissions/${state.id}`);
    await page.waitForSelector('[data-testid="return-notice"]');
    const notice = await page.textContent('[data-testid="return-notice"]');
    assert.match(notice, /本报告已被退回修改/);
    assert.match(notice, new RegExp(RETURN_REASON));
    assert.match(notice, MINUTE);
    assert.match(notice, new RegExp(COMMENT));
    assert.match(notice, /总计/);
    assert.doesNotMatch(notice, IDENTIFIER);
    await shot(page, `cycle-bureau-form-returned-${viewport.width}`);
    await context.close();
  }

  const context = await browser.newContext({ viewport: sizes[0] });
  const page = await context.newPage();
  await signIn(page, BUREAU.username, BUREAU.password);
  await page.goto(`${BASE_URL}/submissions/${state.id}`);
  await page.waitForSelector('[data-testid="return-notice"]');
  // the link goes to the commented cell
  await page.click('[data-testid="return-comment"] a');
  await page.waitForFunction(() => document.activeElement?.id === 'field-applications-total-total');
  await page.click('[data-testid="return-comment"] button:has-text("标记为已处理")');
  await page.waitForSelector('[data-testid="return-comment"] .badge:has-text("已解决")');
  // correct a field and save
  const trainings = page.locator('#field-staffing-trainings');
  const value = await trainings.inputValue();
  const before = Number(value || '0');
  state.trainings = { before: value === '' ? '（空）' : value, after: String(before + 1) };
  await trainings.fill(String(before + 1));
  await page.click('.submission-header button:has-text("保存")');
  await page.waitForSelector('[data-testid="save-state"]:has-text("已全部保存")', {
    timeout: 15_000,
  });
  // resubmitting asks for a reply, names the year and what follows
  await page.click('.submission-header button:has-text("重新报送")');
  const dialog = await page.textContent('.dialog');
  assert.match(dialog, new RegExp(`重新报送 ${state.year} 年度报告`));
  assert.match(dialog, /不能再修改，除非审核人员退回/);
  await page.click('[data-testid="confirm-submit"]');
  assert.match(await page.textContent('.dialog .field-error'), /请填写答复/);
  await page.fill('[data-testid="resubmit-reply"]', REPLY);
  await shot(page, 'cycle-resubmit-confirm-1280');
  await page.click('[data-testid="confirm-submit"]');
  await page.waitForSelector('.badge:has-text("已重新报送")', { timeout: 15_000 });
  await context.close();
});

test('the reviewer sees the changes since the return and the reply by default, and approves after a confirmation', async () => {
  for (const viewport of sizes) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await signIn(page, 'demo-reviewer');
    await page.goto(`${BASE_URL}/review/${state.id}`);
    await page.waitForSelector('[data-testid="diff-table"]');
    const changes = await page.textContent('[data-testid="changes-since-return"]');
    assert.match(changes, new RegExp(REPLY));
    assert.match(changes, new RegExp(RETURN_REASON));
    assert.match(changes, /业务培训/);
    assert.match(changes, /已解决/);
    assert.doesNotMatch(changes, IDENTIFIER);
    const row = page.locator('[data-testid="diff-table"] tbody tr').first();
    assert.equal(await row.locator('del').textContent(), state.trainings.before);
    assert.equal(await row.locator('ins').textContent(), state.trainings.after);
    // the key is kept for experts in the tooltip
    assert.equal(
      await page.getAttribute('[data-testid="diff-table"] tbody tr span[title]', 'title'),
      'staffing.trainings',
    );
    // the full report is one click away, and the form is not shown until then
    assert.equal(await page.$('#field-applications-total-total'), null);
    await shot(page, `cycle-review-changes-${viewport.width}`);
    await page.click('button:has-text("查看完整报告")');
    await page.waitForSelector('#field-applications-total-total');
    await page.click('button:has-text("只看退回后的改动")');
    await page.waitForSelector('[data-testid="diff-table"]');
    await context.close();
  }

  const context = await browser.newContext({ viewport: sizes[0] });
  const page = await context.newPage();
  await signIn(page, 'demo-reviewer');
  await page.goto(`${BASE_URL}/review/${state.id}`);
  await page.waitForSelector('[data-testid="diff-table"]');
  await page.click('.review-panel button:has-text("通过")');
  const dialog = await page.textContent('.dialog');
  assert.match(dialog, new RegExp(`通过${state.name} ${state.year} 年度报告`));
  assert.match(dialog, /不能再修改/);
  await shot(page, 'cycle-approve-confirm-1280');
  await page.click('[data-testid="confirm-decision"]');
  await page.waitForURL(/\/review(\?|$)/);
  const { submission } = await graphql(context)(
    `query($id: ID!) { submission(id: $id) { status returns { reason reply } } }`,
    { id: state.id },
  );
  assert.equal(submission.status, 'APPROVED');
  assert.deepEqual(submission.returns, [{ reason: RETURN_REASON, reply: REPLY }]);
  await context.close();
});

test('the reviewer reopens the approved report with a reason, and the bureau sees it', async () => {
  const context = await browser.newContext({ viewport: sizes[0] });
  const page = await context.newPage();
  await signIn(page, 'demo-reviewer');
  await page.goto(`${BASE_URL}/review/${state.id}`);
  await page.click('.reopen-panel button:has-text("重新打开")');
  assert.match(
    await page.textContent('.dialog'),
    new RegExp(`重新打开${state.name} ${state.year} 年度报告`),
  );
  await page.click('[data-testid="confirm-reopen-publish"]');
  assert.match(await page.textContent('.dialog .field-error'), /请填写重新打开的理由/);
  await page.fill('[data-testid="reopen-reason"]', REOPEN_REASON);
  await shot(page, 'cycle-reopen-confirm-1280');
  await page.click('[data-testid="confirm-reopen-publish"]');
  await page.waitForSelector('.page-header .badge:has-text("已退回")', { timeout: 15_000 });
  const { submission } = await graphql(context)(
    `query($id: ID!) { submission(id: $id) { status auditEvents { action reason } } }`,
    { id: state.id },
  );
  assert.equal(submission.status, 'RETURNED');
  assert.deepEqual(submission.auditEvents.at(-1), {
    action: 'submission.reopen',
    reason: REOPEN_REASON,
  });
  await context.close();

  for (const viewport of sizes) {
    const bureau = await browser.newContext({ viewport });
    const bp = await bureau.newPage();
    await signIn(bp, BUREAU.username, BUREAU.password);
    await bp.goto(`${BASE_URL}/`);
    await bp.waitForSelector('[data-testid="bureau-return-reason"]');
    assert.match(
      await bp.textContent('[data-testid="bureau-return-reason"]'),
      new RegExp(`已重新打开：${REOPEN_REASON}`),
    );
    await bp.goto(`${BASE_URL}/submissions/${state.id}`);
    await bp.waitForSelector('[data-testid="return-notice"]');
    const notice = await bp.textContent('[data-testid="return-notice"]');
    assert.match(notice, /本报告已被重新打开/);
    assert.match(notice, new RegExp(REOPEN_REASON));
    // the earlier return and its reply stay readable
    assert.match(await bp.textContent('[data-testid="return-history"]'), /此前的退回与答复/);
    await shot(bp, `cycle-bureau-reopened-${viewport.width}`);
    await bureau.close();
  }
});
