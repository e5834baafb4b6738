// Helpers of the national benchmark: child processes, HTTP over loopback, the web's GraphQL
// documents by operation name, RSS sampling from /proc, percentiles.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';

const running = new Set();

/** Ends the commands started by `run` that are still running (on an interrupted benchmark). */
export function stopCommands() {
  for (const child of running) child.kill('SIGTERM');
}

/** Runs a command to its end; `echo` passes its output through, `onOutput` sees each chunk. */
export function run(command, args, env, { stdin, echo = false, onOutput } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    running.add(child);
    child.once('exit', () => running.delete(child));
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (echo) process.stdout.write(d);
      onOutput?.(String(d));
    });
    child.stderr.on('data', (d) => {
      err += d;
      if (echo) process.stderr.write(d);
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out, err }));
    child.stdin.end(stdin ?? '');
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts the built server with plain `node` (no flags) and waits for its banner. */
export async function startServer(main, env) {
  const port = await freePort();
  const child = spawn(process.execPath, [main], {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  if (process.env.BENCH_VERBOSE) {
    child.stdout.pipe(process.stderr);
    child.stderr.pipe(process.stderr);
  }
  const deadline = Date.now() + 120_000;
  while (!/is running at/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      if (child.exitCode === null) child.kill('SIGTERM');
      throw new Error(`server did not start:\n${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { pid: child.pid, port, child };
}

/** SIGTERM, then SIGKILL after 10 s. */
export async function stopServer(server) {
  const { child } = server;
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/**
 * One HTTP request; `sink` counts the body's bytes without keeping them, `onFirstByte` hears when
 * the body's first bytes arrive (the answer carries `headersMs` and `firstByteMs` too).
 */
export function http(port, method, path, { body, cookie, onFirstByte, sink } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(cookie ? { cookie } : {}),
          // a page of this server, as a browser states it (the origin check on cookie POSTs)
          ...(method === 'POST' ? { origin: `http://127.0.0.1:${port}` } : {}),
        },
      },
      (res) => {
        const headersMs = performance.now() - started;
        let firstByteMs = null;
        let bytes = 0;
        const chunks = [];
        res.on('data', (chunk) => {
          if (firstByteMs === null) {
            firstByteMs = performance.now() - started;
            onFirstByte?.(firstByteMs);
          }
          bytes += chunk.length;
          if (!sink) chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            headers: res.headers,
            headersMs,
            firstByteMs,
            totalMs: performance.now() - started,
            bytes,
            body: sink ? null : Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(900_000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    if (body) req.write(JSON.stringify(body));
    req.end();
  });
}

/**
 * Every operation and fragment of the web's `.graphql` documents under `dir`; `op(name)` returns
 * the operation with the fragments it uses, so the benchmark sends what the pages send.
 */
export function graphqlDocuments(dir) {
  const definitions = new Map();
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.graphql')) {
        const text = readFileSync(path, 'utf8');
        const starts = [...text.matchAll(/^(query|mutation|fragment)\s+(\w+)/gm)];
        for (const [i, m] of starts.entries()) {
          const end = i + 1 < starts.length ? starts[i + 1].index : text.length;
          definitions.set(m[2], text.slice(m.index, end).trim());
        }
      }
    }
  };
  walk(dir);
  return {
    op(name) {
      const main = definitions.get(name);
      if (!main) throw new Error(`no operation ${name} in the web's documents`);
      const used = new Set();
      const queue = [main];
      while (queue.length) {
        for (const m of queue.pop().matchAll(/\.\.\.\s*(\w+)/g)) {
          if (m[1] === 'on' || used.has(m[1])) continue;
          const fragment = definitions.get(m[1]);
          if (!fragment) continue;
          used.add(m[1]);
          queue.push(fragment);
        }
      }
      return [main, ...[...used].map((f) => definitions.get(f))].join('\n\n');
    },
  };
}

export function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Samples a process's RSS every 25 ms until `stop()`, which returns the peak (MB). */
export function sampleRss(pid) {
  let peak = rssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 25);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssMb(pid));
    },
  };
}

/** The q-quantile (nearest rank) of a list of numbers. */
export function percentile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** The fields of `/proc/<pid>/stat` after the command name, as numbers (utime is [11], stime [12]). */
export function procStat(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text
    .slice(text.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
}

/** CPU seconds (user + system) of one process so far (clock ticks of 1/100 s). */
export function cpuSeconds(pid) {
  const fields = procStat(pid);
  return (fields[11] + fields[12]) / 100;
}

/**
 * CPU seconds (user + system) of a PostgreSQL cluster's processes so far: the postmaster with the
 * children it reaped, and its live children (/proc, clock ticks of 1/100 s).
 */
export function postgresCpuSeconds(pgData) {
  const stat = procStat;
  const postmaster = Number(readFileSync(join(pgData, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const own = stat(postmaster);
  let ticks = own[11] + own[12] + own[13] + own[14];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const child = stat(entry);
      if (child[1] === postmaster) ticks += child[11] + child[12];
    } catch {
      // ended meanwhile
    }
  }
  return ticks / 100;
}

/**
 * Starts the built server (or `main`, another build's `main.js`) on `port` against `databaseUrl`,
 * without demo data, its files under `dir`; resolves once it prints its URL. `BENCH_NODE_FLAGS`
 * (node flags) and `BENCH_VERBOSE` (echo its output) apply. Returns the child process.
 */
export async function startBenchServer({ main, port, databaseUrl, dir, env = {}, cwd }) {
  const server = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []), main],
    {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'development',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        GONGKAI_DATA_DIR: join(dir, 'files'),
        GONGKAI_DEMO_DATA: 'false',
        GONGKAI_SECRET: randomBytes(24).toString('hex'),
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(cwd ? { cwd } : {}),
    },
  );
  let output = '';
  server.stdout.on('data', (d) => (output += d));
  server.stderr.on('data', (d) => (output += d));
  if (process.env.BENCH_VERBOSE) {
    server.stdout.pipe(process.stderr);
    server.stderr.pipe(process.stderr);
  }
  const deadline = Date.now() + 60_000;
  while (!/is running at/.test(output)) {
    if (server.exitCode !== null || Date.now() > deadline)
      throw new Error(`server did not start:\n${output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return server;
}

/** Signs `username` in over GraphQL; resolves to the session cookie (`name=value`). */
export async function signInCookie(port, username, password) {
  const signIn = await http(port, 'POST', '/graphql', {
    body: {
      query: 'mutation($i: SignInInput!) { signIn(input: $i) { user { id } } }',
      variables: { i: { username, password } },
    },
  });
  const cookie = signIn.headers['set-cookie']
    ?.find((c) => c.startsWith('gongkai_session='))
    ?.split(';')[0];
  if (!cookie) throw new Error(`sign-in failed: ${signIn.body}`);
  return cookie;
}
