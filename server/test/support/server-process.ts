import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** The built server's entry point (`pnpm build` first). */
export const SERVER_MAIN = join(__dirname, '..', '..', 'dist', 'main.js');

/**
 * The environment of an operator's start on a data folder: the embedded PostgreSQL in `dataDir`,
 * a free port, no demo data; `overrides` win.
 */
export function serverEnv(dataDir: string, overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    PORT: '0',
    GONGKAI_DATA_DIR: dataDir,
    GONGKAI_DEMO_DATA: 'false',
    DATABASE_URL: '',
    ...overrides,
  };
}

/** A server process and what it printed so far. */
export type ServerProcess = {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Standard output and error as they arrived, interleaved. */
  output(): string;
};

/** Resolves with the exit code once the process has ended (at once when it already has). */
export function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((r) => child.once('exit', (code) => r(code)));
}

/** Waits for the "running at" banner and returns the URL; throws with the output when it does not come. */
export async function started(server: ServerProcess, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const url = /running at (http:\S+)/.exec(server.stdout())?.[1];
    if (url) return url;
    if (server.child.exitCode !== null)
      throw new Error(`server exited ${server.child.exitCode}: ${server.output()}`);
    if (Date.now() > deadline) throw new Error(`server did not start: ${server.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The built servers a test file starts; `stopAll` (in `afterAll`) ends those still running. */
export class ServerProcesses {
  private readonly children: ChildProcess[] = [];

  /** Runs `dist/main.js` (or `command` with `args`) with exactly `env`, collecting its output. */
  spawn(env: NodeJS.ProcessEnv, command = process.execPath, args = [SERVER_MAIN]): ServerProcess {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.push(child);
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
      output += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
      output += c.toString();
    });
    return { child, stdout: () => stdout, stderr: () => stderr, output: () => output };
  }

  /** Spawns the server and waits for its banner. */
  async start(
    env: NodeJS.ProcessEnv,
    timeoutMs = 30_000,
  ): Promise<ServerProcess & { url: string }> {
    const server = this.spawn(env);
    return { ...server, url: await started(server, timeoutMs) };
  }

  /** SIGTERM to every process still running, then waits for them all to exit. */
  async stopAll(): Promise<void> {
    const running = this.children.filter((c) => c.exitCode === null && c.signalCode === null);
    for (const child of running) child.kill('SIGTERM');
    await Promise.all(running.map(exited));
  }
}

/** Ends one server with SIGTERM and waits for it (nothing when it has already ended). */
export async function stopServer(child: ChildProcess): Promise<number | null> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  return exited(child);
}
