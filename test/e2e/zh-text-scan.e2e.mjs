// The Chinese pages show no developer text: each demo role signs in and visits every route of the
// router (with real ids from the demo data), and the visible text of every page (body innerText,
// so `title` tooltips are not read; elements marked `data-expert` are left out) is scanned for
// identifiers (`completeness.sections`), enum states (`SUBMITTED`) and English sentences (three
// or more English words in a row). Every finding is printed with its page and context.
//
// A new route: add one line to ROUTES (the first test fails until every route of
// web/src/app/router.tsx is listed here).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BASE_URL, graphql, launch, signIn } from './browser.mjs';

const ROLES = {
  admin: 'demo-admin',
  reviewer: 'demo-reviewer',
  supervisor: 'demo-supervisor',
  bureau: 'demo-bureau',
};
const ALL = Object.keys(ROLES);
const OFFICES = ['admin', 'reviewer', 'supervisor'];

/**
 * [router path, URL to open (`{submission}`, `{organization}`, `{government}`, `{round}` are
 * filled from the demo data), roles that open it]. Roles without a page's permission see the
 * "not allowed" page, which is scanned too, so a few such visits are listed on purpose.
 */
const ROUTES = [
  ['/', '/', ALL],
  ['/signin', '/signin', ['signedOut']],
  ['/check', '/check', ['bureau', 'signedOut']],
  ['/submissions/:id', '/submissions/{submission}', ['bureau', 'admin']],
  ['/review', '/review', OFFICES],
  ['/review/:id', '/review/{submission}', ['reviewer', 'admin', 'bureau']],
  ['/organizations/:id', '/organizations/{organization}', ALL],
  ['/organizations/:id', '/organizations/{government}', ['reviewer']],
  ['/ranking', '/ranking', ['supervisor', 'admin']],
  ['/admin/system', '/admin/system', ['admin']],
  ['/staffing', '/staffing', ALL],
  ['/admin/accounts', '/admin/accounts', ['admin']],
  ['/account/password', '/account/password', ['bureau']],
  ['/admin/organizations', '/admin/organizations', ['admin']],
  ['/admin/posts', '/admin/posts', ['reviewer', 'admin']],
  ['/admin/rounds', '/admin/rounds', ['reviewer', 'admin']],
  ['/admin/audit', '/admin/audit', ['reviewer', 'admin']],
  ['/rollup/:organizationId', '/rollup/{government}?round={round}', OFFICES],
  ['/inbox', '/inbox', ALL],
  ['/account/notifications', '/account/notifications', ['bureau', 'reviewer']],
  ['/import', '/import', [...OFFICES, 'bureau']],
  ['*', '/no-such-page', ['bureau']],
];

/** What the scan does not count, each for a reason. */
const ALLOWED = [
  // addresses are data a user copies, not developer text
  /https?:\/\/\S+/g,
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
  // file names a download is saved as, and demo account names typed at sign-in
  /[\w-]+\.(?:xlsx|csv|pdf|docx?|txt|html?|wps|rtf|json)\b/gi,
  /\bdemo-(?:admin|reviewer|supervisor|bureau)\b/g,
  // the language switch offers English by its own name
  /\bEnglish\b/g,
];
/** Upper-case words that are names of formats, not enum states. */
const UPPER_ALLOWED = new Set(['XLSX', 'HTML', 'DOCX', 'JSON', 'HTTP', 'HTTPS', 'UTF']);

const CHECKS = [
  ['identifier', /\b[a-z]+[A-Z]?\w*\.[a-z]\w*\b/g],
  ['enum state', /\b[A-Z][A-Z_]{3,}\b/g],
  ['English sentence', /\b[A-Za-z][A-Za-z'’-]*(?:[ \t]+[A-Za-z][A-Za-z'’-]*){2,}\b/g],
];

/** The problems in a page's text: [kind, match, context]. */
export function scanText(text) {
  let cleaned = text;
  for (const pattern of ALLOWED) cleaned = cleaned.replace(pattern, ' ');
  const found = [];
  for (const [kind, pattern] of CHECKS) {
    for (const m of cleaned.matchAll(pattern)) {
      if (kind === 'enum state' && UPPER_ALLOWED.has(m[0])) continue;
      const start = Math.max(0, m.index - 25);
      const context = cleaned.slice(start, m.index + m[0].length + 25).replace(/\s+/g, ' ');
      found.push([kind, m[0], context]);
    }
  }
  return found;
}

let browser;
let ids;

before(async () => {
  browser = await launch();
  // real ids from the demo data, read as the demo bureau
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, ROLES.bureau);
  const gql = graphql(context);
  const { me } = await gql('{ me { user { organizationId } } }');
  const organization = me.user.organizationId;
  const { organization: org } = await gql(
    'query($id: ID!) { organization(id: $id) { parent { id } } }',
    {
      id: organization,
    },
  );
  const { submissions } = await gql(
    'query($o: ID!) { submissions(organizationId: $o, first: 1) { edges { node { id roundId } } } }',
    { o: organization },
  );
  const latest = submissions.edges[0].node;
  ids = { organization, government: org.parent.id, submission: latest.id, round: latest.roundId };
  await context.close();
});

after(async () => {
  await browser?.close();
});

test('the scan catches developer text and lets addresses and file names through', () => {
  const kinds = (text) => scanText(text).map(([kind, match]) => `${kind}: ${match}`);
  assert.deepEqual(kinds('错误 completeness.sections 缺少章节'), [
    'identifier: completeness.sections',
  ]);
  assert.deepEqual(kinds('状态 SUBMITTED → APPROVED'), [
    'enum state: SUBMITTED',
    'enum state: APPROVED',
  ]);
  assert.deepEqual(kinds('服务器说：this round collects 2025 reports'), [
    'English sentence: this round collects',
  ]);
  assert.deepEqual(
    kinds(
      '下载 排名表.xlsx、ranking.csv，联系 office@gongkai.example.gov.cn 或 https://gongkai.example/x；导出 Excel、PDF',
    ),
    [],
  );
});

test('lists every route of the router', () => {
  const router = readFileSync(
    join(import.meta.dirname, '..', '..', 'web', 'src', 'app', 'router.tsx'),
    'utf8',
  );
  const paths = [...router.matchAll(/path: '([^']+)'/g)].map((m) => m[1]);
  assert.ok(paths.length > 10, 'the router was read');
  const scanned = new Set(ROUTES.map(([path]) => path));
  assert.deepEqual(
    paths.filter((p) => !scanned.has(p)),
    [],
    'routes the text scan does not visit: add a line to ROUTES',
  );
});

test('zh-CN pages show no identifiers, enum states or English sentences, for every role', async () => {
  const problems = [];
  for (const role of [...ALL, 'signedOut']) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    if (role !== 'signedOut') await signIn(page, ROLES[role]);
    for (const [, url, roles] of ROUTES) {
      if (!roles.includes(role)) continue;
      const address = url.replace(/\{(\w+)\}/g, (_, name) => ids[name]);
      await page.goto(`${BASE_URL}${address}`);
      await page.waitForLoadState('networkidle');
      await page
        .waitForFunction(() => !/加载中/.test(globalThis.document.body.innerText), null, {
          timeout: 15_000,
        })
        .catch(() => undefined);
      const text = await page.evaluate(() => {
        let all = globalThis.document.body.innerText;
        for (const el of globalThis.document.querySelectorAll('[data-expert]'))
          all = all.replace(el.innerText, ' ');
        return all;
      });
      if (process.env.SCAN_DEBUG) console.log(`${role} ${address}: ${text.length} characters`);
      for (const [kind, match, context] of scanText(text))
        problems.push(`${role} ${url}: ${kind} "${match}" in "…${context}…"`);
    }
    assert.deepEqual(errors, [], `${role}: page errors`);
    await context.close();
  }
  if (problems.length > 0) console.log(problems.join('\n'));
  assert.deepEqual(problems, []);
});
