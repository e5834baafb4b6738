import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { BulkChecker, type CheckOutcome, type CheckRequest, type CorpusEntry } from './bulk-check';
import type { BulkCheckBody, BulkCheckReply } from './bulk-check.worker';

/** The bulk checks of one ingest, on a worker thread or on the caller's thread. */
export type BulkCheckPort = {
  load(entries: readonly CorpusEntry[]): Promise<void>;
  remove(organizationIds: readonly string[]): Promise<void>;
  check(request: CheckRequest): Promise<CheckOutcome>;
  close(): Promise<void>;
};

/**
 * The worker's script: the compiled file next to this one; when the server runs from its
 * TypeScript sources (its tests), the same source compiled as it loads (`test/register-ts.cjs`).
 */
function workerEntry(): { filename: string; options: WorkerOptions } {
  if (__filename.endsWith('.js'))
    return { filename: join(__dirname, 'bulk-check.worker.js'), options: {} };
  const register = join(__dirname, '..', '..', '..', 'test', 'register-ts.cjs');
  const source = join(__dirname, 'bulk-check.worker.ts');
  return {
    filename: `require(${JSON.stringify(register)}); require(${JSON.stringify(source)});`,
    options: { eval: true },
  };
}

/**
 * Starts the checks of a round of `year`: with `threads` 1 on a worker thread (requests are
 * answered in the order sent, so a batch sent after another is checked against it), with 0 on
 * this thread (each request after the I/O waiting at the time it is made).
 */
export async function startBulkChecks(year: number, threads: 0 | 1): Promise<BulkCheckPort> {
  if (threads === 0) return inThread(year);
  const { filename, options } = workerEntry();
  const worker = new Worker(filename, options);
  const waiting = new Map<
    number,
    { resolve(v: CheckOutcome | null): void; reject(e: Error): void }
  >();
  let next = 0;
  let failed: Error | null = null;
  const failAll = (error: Error) => {
    failed ??= error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  worker.on('message', (reply: BulkCheckReply) => {
    const w = waiting.get(reply.id);
    if (!w) return;
    waiting.delete(reply.id);
    if ('error' in reply) w.reject(new Error(`bulk check thread: ${reply.error}`));
    else w.resolve(reply.outcome);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the bulk check thread stopped (${code})`)));
  const send = (message: BulkCheckBody): Promise<CheckOutcome | null> =>
    new Promise((resolve, reject) => {
      if (failed) return reject(failed);
      const id = (next += 1);
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  await send({ kind: 'start', year });
  return {
    load: async (entries) => void (await send({ kind: 'load', entries })),
    remove: async (organizationIds) => void (await send({ kind: 'remove', organizationIds })),
    check: async (request) => (await send({ kind: 'check', request }))!,
    close: async () => {
      failed ??= new Error('the bulk check thread was closed');
      await worker.terminate();
    },
  };
}

function inThread(year: number): BulkCheckPort {
  const checker = new BulkChecker(year);
  // let the I/O waiting now (a batch's write) go on before the checks take the thread
  const later = <T>(run: () => T): Promise<T> =>
    new Promise((resolve, reject) =>
      setImmediate(() => {
        try {
          resolve(run());
        } catch (error) {
          reject(error as Error);
        }
      }),
    );
  return {
    load: (entries) => later(() => checker.load(entries)),
    remove: (ids) => later(() => checker.remove(ids)),
    check: (request) => later(() => checker.check(request)),
    close: async () => undefined,
  };
}
