/* global document */
// Disclosure posts in Debian Chromium against the real server and demo data: the reviewer sees
// the demo bureau's vacant full-time post (flag, roster, score explanation); the bureau fills it
// in its roster; the reviewer's vacancy flag is gone. The bureau has not submitted its report
// yet and the deadline is open, so its roster does not score it: before and after, it is
// unranked and the explanation says why.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
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

const HOLDER = '林晓岚';
let browser;
const state = {};
const shot = (page, name) =>
  page.screenshot({ path: join(RESULTS, `staffing-${name}.png`), fullPage: true });

before(async () => {
  browser = await launch();
  const bureau = await browser.newContext();
  const asBureau = graphql(bureau);
  await apiSignIn(asBureau, 'demo-bureau');
  const { me } = await asBureau('{ me { user { organizationId organization { name } } } }');
  // the round being collected: the demo city's open one (the demo is dated relative to today)
  const { rounds } = await asBureau('{ rounds { id year status scopeOrganization { id level } } }');
  const round = rounds.find((r) => r.status === 'OPEN' && r.scopeOrganization.level === 'CITY');
  assert.ok(round, 'the demo data has an open city round');
  Object.assign(state, {
    roundId: round.id,
    year: round.year,
    cityId: round.scopeOrganization.id,
    organizationId: me.user.organizationId,
    organizationName: me.user.organization.name,
  });
  await bureau.close();
});

after(async () => {
  await browser?.close();
});

/** The reviewer's view of the bureau: vacancy flags in the ranking and the score explanation. */
async function reviewerSees(gql) {
  const { flags } = await gql(
    `query($i: FlagsInput!) { flags(input: $i) { edges { node { organizationId evidence } } } }`,
    {
      i: {
        roundId: state.roundId,
        regionId: state.cityId,
        flagId: 'staffing.postVacant',
        first: 100,
      },
    },
  );
  const { scoreExplanation } = await gql(
    `query($r: ID!, $o: ID!) { scoreExplanation(roundId: $r, organizationId: $o) { score unrankedReason contributions { indicatorId status points } } }`,
    { r: state.roundId, o: state.organizationId },
  );
  return {
    vacancies: flags.edges
      .map((e) => e.node)
      .filter((n) => n.organizationId === state.organizationId),
    score: scoreExplanation.score,
    unrankedReason: scoreExplanation.unrankedReason,
    staffing: scoreExplanation.contributions.find((c) => c.indicatorId === 'staffing').status,
  };
}

async function openExplanation(page) {
  await page.click('[data-testid="ranking-table"] tbody tr:first-child button[aria-label^="查看"]');
  await page.waitForSelector('[data-testid="unranked-reason"]');
  const row = page.locator('[data-testid="explanation"] tr', { hasText: '机构人员' });
  return {
    score: await page.textContent('[data-testid="explanation"] p strong'),
    reason: await page.textContent('[data-testid="unranked-reason"]'),
    staffingRow: await row.innerText(),
  };
}

test('a bureau fills its vacant post; the reviewer’s vacancy flag disappears, and it stays unranked until its report is in', async () => {
  const reviewer = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const review = await reviewer.newPage();
  await signIn(review, 'demo-reviewer');
  const gql = graphql(reviewer);
  const before = await reviewerSees(gql);
  assert.deepEqual(
    before.vacancies.map((v) => v.evidence.postId),
    ['dedicatedStaff'],
    'the demo bureau’s full-time post is vacant',
  );
  // nothing submitted while the deadline is open: unranked, its roster not scored
  assert.equal(before.score, null);
  assert.equal(before.unrankedReason, 'awaitingReport');
  assert.equal(before.staffing, 'notApplicable');

  // The ranking, filtered to bodies with a vacant post, lists the bureau.
  const rankingUrl = (flag) =>
    `${BASE_URL}/ranking?round=${state.roundId}&peer=all${flag ? `&flag=${flag}` : ''}&q=${encodeURIComponent(state.organizationName)}`;
  await review.goto(rankingUrl('staffing.postVacant'));
  await review.waitForSelector(
    `[data-testid="ranking-table"] tbody tr:has-text("${state.organizationName}")`,
  );
  const explainedBefore = await openExplanation(review);
  await shot(review, 'reviewer-ranking-before');
  await review.keyboard.press('Escape');

  // The organization page carries the roster with the vacancy and its flag.
  await review.goto(`${BASE_URL}/organizations/${state.organizationId}?round=${state.roundId}`);
  await review.waitForSelector('[data-testid="roster"] [data-flag="staffing.postVacant"]');
  assert.match(
    await review.innerText('[data-testid="roster-posts"] tr.row-vacant'),
    new RegExp(`专职工作人员[\\s\\S]*自 ${state.year}-04-01 起空缺`),
  );
  await shot(review, 'reviewer-organization-before');

  // The region panel draws the vacancies.
  const started = Date.now();
  await review.goto(`${BASE_URL}/staffing?round=${state.roundId}`);
  await chartDrawn(review, 'chart-vacancies-by-post', started);
  await chartDrawn(review, 'chart-longest-vacancies', started);
  const red = await countChartPixels(
    review,
    '[data-testid="chart-vacancies-by-post"]',
    [0xcf, 0x22, 0x2e],
  );
  assert.ok(red > 200, `vacancy bars drawn (${red} px)`);
  assert.match(await review.innerText('[data-testid="all-filled-share"]'), /%/);
  await shot(review, 'reviewer-panel');

  // The bureau fills the post.
  const bureau = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await bureau.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, 'demo-bureau');
  await page.goto(`${BASE_URL}/staffing?round=${state.roundId}`);
  await page.waitForSelector('[data-testid="roster"] [data-flag="staffing.postVacant"]');
  await shot(page, 'bureau-before');
  await page.click('[data-testid="add-dedicatedStaff"]');
  const form = page.locator('[data-testid="assign-dedicatedStaff"]');
  await form.locator('input[name="holderName"]').fill(HOLDER);
  assert.equal(await form.locator('input[type="checkbox"]').isChecked(), true, 'full-time preset');
  await form.locator('button[type="submit"]').click();
  await page.waitForSelector(`[data-testid="holder-dedicatedStaff"]:has-text("${HOLDER}")`);
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="roster"] [data-flag="staffing.postVacant"]'),
  );
  assert.equal(await page.locator('[data-testid="roster-posts"] tr.row-vacant').count(), 0);
  await shot(page, 'bureau-after');
  assert.deepEqual(errors, []);

  // The reviewer: no vacancy flag; still unranked until the report is in.
  const afterFill = await reviewerSees(gql);
  assert.deepEqual(afterFill.vacancies, [], 'the vacancy flag is gone');
  assert.equal(afterFill.score, null, 'a filled post does not rank a body without its report');
  assert.equal(afterFill.unrankedReason, 'awaitingReport');
  assert.equal(afterFill.staffing, 'notApplicable');

  await review.goto(rankingUrl('staffing.postVacant'));
  await review.waitForSelector('[data-testid="ranking-table"]');
  await review.waitForFunction(
    (name) =>
      ![...document.querySelectorAll('[data-testid="ranking-table"] tbody tr')].some((tr) =>
        tr.textContent.includes(name),
      ),
    state.organizationName,
  );
  await shot(review, 'reviewer-ranking-filtered-after');
  await review.goto(rankingUrl(null));
  await review.waitForSelector(
    `[data-testid="ranking-table"] tbody tr:has-text("${state.organizationName}")`,
  );
  const explainedAfter = await openExplanation(review);
  for (const explained of [explainedBefore, explainedAfter]) {
    assert.equal(explained.score, '—');
    assert.equal(explained.reason, '尚未提交年度报告，截止日前不参与排名');
    assert.match(explained.staffingRow, /不适用/);
  }
  await shot(review, 'reviewer-explanation-after');

  await review.goto(`${BASE_URL}/organizations/${state.organizationId}?round=${state.roundId}`);
  await review.waitForSelector(`[data-testid="holder-dedicatedStaff"]:has-text("${HOLDER}")`);
  await shot(review, 'reviewer-organization-after');
  await reviewer.close();
  await bureau.close();
});
