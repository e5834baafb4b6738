// End-to-end: starts the built server as a user would (embedded PostgreSQL in a fresh temporary
// data directory, demo data, a free port), runs every `*.e2e.mjs` here with node's test runner
// against it in Debian Chromium (playwright-core), then stops the server by its PID.
// Screenshots land in test-results/e2e/.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT as root, startServer } from './server-process.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const main = join(root, 'server', 'dist', 'main.js');
if (!existsSync(main)) {
  console.error('e2e: the server is not built; run `pnpm build` first');
  process.exit(2);
}
if (!existsSync(join(root, 'web', 'dist', 'index.html'))) {
  console.error('e2e: the web app is not built; run `pnpm build` first');
  process.exit(2);
}

await mkdir(join(root, 'test-results', 'e2e'), { recursive: true });
let server;
try {
  server = await startServer({ prefix: 'gongkai-e2e-' });
} catch (e) {
  console.error(`e2e: ${e.message}`);
  process.exit(1);
}
console.log(`e2e: server ready at ${server.url} in ${(server.readyMs / 1000).toFixed(1)} s`);

const files = readdirSync(here)
  .filter((f) => f.endsWith('.e2e.mjs') && f.includes(process.argv[2] ?? ''))
  .sort()
  .map((f) => join(here, f));
const tests = spawn(process.execPath, ['--test', '--test-concurrency=1', ...files], {
  cwd: root,
  env: { ...process.env, GONGKAI_E2E_URL: server.url },
  stdio: 'inherit',
});
const code = await new Promise((r) => tests.once('exit', r));
await server.stop();
if (code !== 0)
  console.error(`e2e: server log tail:\n${server.log().split('\n').slice(-30).join('\n')}`);
process.exit(code ?? 1);
