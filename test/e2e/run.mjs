// End-to-end: starts the built server as a user would (embedded PostgreSQL in a fresh temporary
// data directory, demo data, a free port), runs every `*.e2e.mjs` here with node's test runner
// against it in Debian Chromium (playwright-core), then stops the server by its PID.
// Screenshots land in test-results/e2e/.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const main = join(root, 'server', 'dist', 'main.js');
if (!existsSync(main)) {
  console.error('e2e: the server is not built; run `pnpm build` first');
  process.exit(2);
}
if (!existsSync(join(root, 'web', 'dist', 'index.html'))) {
  console.error('e2e: the web app is not built; run `pnpm build` first');
  process.exit(2);
}

const dataDir = await mkdtemp(join(tmpdir(), 'gongkai-e2e-'));
await chmod(dataDir, 0o755);
await mkdir(join(root, 'test-results', 'e2e'), { recursive: true });
const port = await freePort();
const server = spawn(process.execPath, [main], {
  cwd: root,
  env: {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    GONGKAI_DATA_DIR: dataDir,
    DATABASE_URL: '',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let log = '';
server.stdout.on('data', (c) => (log += c));
server.stderr.on('data', (c) => (log += c));

const stopServer = async () => {
  if (server.exitCode === null && server.signalCode === null) {
    process.kill(server.pid, 'SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  await rm(dataDir, { recursive: true, force: true });
};

const started = Date.now();
while (!/running at http/.test(log)) {
  if (server.exitCode !== null || Date.now() - started > 120_000) {
    console.error(`e2e: the server did not start:\n${log}`);
    await stopServer();
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 100));
}
console.log(
  `e2e: server ready at http://127.0.0.1:${port} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);

const files = readdirSync(here)
  .filter((f) => f.endsWith('.e2e.mjs') && f.includes(process.argv[2] ?? ''))
  .sort()
  .map((f) => join(here, f));
const tests = spawn(process.execPath, ['--test', '--test-concurrency=1', ...files], {
  cwd: root,
  env: { ...process.env, GONGKAI_E2E_URL: `http://127.0.0.1:${port}` },
  stdio: 'inherit',
});
const code = await new Promise((r) => tests.once('exit', r));
await stopServer();
if (code !== 0) console.error(`e2e: server log tail:\n${log.split('\n').slice(-30).join('\n')}`);
process.exit(code ?? 1);
