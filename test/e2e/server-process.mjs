import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Starts the built server as a user would: embedded PostgreSQL in a fresh temporary data
 * directory (demo data), a free port on 127.0.0.1. `env(url)` adds variables that need the URL.
 * Resolves once it prints that it is running; `stop()` ends it by its PID and removes the data.
 * When it exits or does not start within `timeoutMs`, it is stopped and the promise rejects
 * with its log.
 */
export async function startServer({ prefix, env = () => ({}), timeoutMs = 120_000 }) {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, [join(ROOT, 'server', 'dist', 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      GONGKAI_DATA_DIR: dataDir,
      DATABASE_URL: '',
      ...env(url),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (c) => (log += c));
  child.stderr.on('data', (c) => (log += c));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(child.pid, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  const started = Date.now();
  while (!/running at http/.test(log)) {
    if (child.exitCode !== null || Date.now() - started > timeoutMs) {
      await stop();
      throw new Error(`the server did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, readyMs: Date.now() - started, log: () => log, stop };
}
