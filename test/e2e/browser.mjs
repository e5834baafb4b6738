// Shared browser helpers for the e2e tests: Debian Chromium driven by playwright-core.
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.GONGKAI_E2E_URL ?? 'http://127.0.0.1:3000';
export const RESULTS = join(import.meta.dirname, '..', '..', 'test-results', 'e2e');

/**
 * Debian Chromium with a Content-Security-Policy watch: every context it opens reports each CSP
 * violation of its pages (the DOM's `securitypolicyviolation` event, and Chromium's console
 * message), and `browser.close()` throws when there was any — so a test file whose pages broke
 * the policy fails, even when the page still looked right.
 */
export async function launch() {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    // playwright gives every launch a fresh temporary profile (the --user-data-dir of the probe).
  });
  const violations = [];
  const watched = new WeakSet();
  const watch = async (context) => {
    if (watched.has(context)) return context;
    watched.add(context);
    // Init scripts come from the debugger, outside the page's CSP.
    await context.addInitScript(() => {
      globalThis.document.addEventListener('securitypolicyviolation', (e) =>
        globalThis.console.error(
          `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
        ),
      );
    });
    context.on('console', (message) => {
      const text = message.text();
      if (/^CSP violation:|Content Security Policy/.test(text))
        violations.push(`${message.location()?.url ?? ''}: ${text}`);
    });
    return context;
  };
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => watch(await newContext(options));
  browser.newPage = async (options) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.on('close', () => void context.close().catch(() => undefined));
    return page;
  };
  const close = browser.close.bind(browser);
  browser.close = async (options) => {
    await close(options);
    if (violations.length > 0)
      throw new Error(
        `Content Security Policy violations:\n${[...new Set(violations)].join('\n')}`,
      );
  };
  browser.cspViolations = violations;
  return browser;
}

/**
 * Counts canvas pixels of a chart that are close to `rgb` (or, without `rgb`, that are not
 * background), proving that ECharts actually drew something.
 */
export async function countChartPixels(page, selector, rgb) {
  return page.$eval(
    `${selector} canvas`,
    (canvas, target) => {
      const ctx = canvas.getContext('2d');
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
        if (a < 128) continue;
        if (target) {
          if (
            Math.abs(r - target[0]) < 24 &&
            Math.abs(g - target[1]) < 24 &&
            Math.abs(b - target[2]) < 24
          )
            count++;
        } else if (r < 240 || g < 240 || b < 240) count++;
      }
      return count;
    },
    rgb ?? null,
  );
}

export const DEMO_PASSWORD = 'gongkai-demo';

/** Signs in through the sign-in page and waits for the signed-in header. */
export async function signIn(page, username, password = DEMO_PASSWORD) {
  await page.goto(`${BASE_URL}/signin`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('form button[type=submit]');
  await page.waitForSelector('[data-testid="user-name"]');
}

/** Signs a `graphql(context)` client in (its context keeps the session cookie). */
export async function apiSignIn(gql, username, password = DEMO_PASSWORD) {
  await gql(`mutation($i: SignInInput!) { signIn(input: $i) { user { id } } }`, {
    i: { username, password },
  });
}

/** GraphQL over the context's cookie jar (for test setup and for checking what the UI did). */
export function graphql(context) {
  return async (query, variables = {}) => {
    const res = await context.request.post(`${BASE_URL}/graphql`, {
      data: { query, variables },
      headers: { 'content-type': 'application/json' },
    });
    const body = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
}

/** Milliseconds until a chart has drawn (data-rendered), measured from `since`. */
export async function chartDrawn(page, testId, since, timeout = 20_000) {
  await page.waitForSelector(`[data-testid="${testId}"][data-rendered="true"]`, { timeout });
  return Date.now() - since;
}
