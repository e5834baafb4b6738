import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { DomainError, DomainErrorCode } from '../../common/domain-error';
import type {
  ExportFailure,
  FromExportThread,
  RankingExportJob,
  ToExportThread,
} from './ranking-export.messages';

export type { RankingExportJob } from './ranking-export.messages';

/**
 * The thread's heap: young generation (two semi-spaces and the nursery of large objects) and old
 * generation. What an export keeps alive is small (a batch of rows, the writer's buffers, the
 * code it runs: 20–30 MB); the limit makes V8 collect what the rows promote well before the
 * default limits would, so an export's memory does not depend on V8's heuristics.
 */
export const EXPORT_THREAD_LIMITS = { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 96 };

/** Exports written at once, each on a thread of the pool. */
export const EXPORT_THREADS = 2;

/** Exports that may wait for a thread while all are busy; more are refused (try again later). */
export const EXPORT_QUEUE = 4;

/** A thread idle this long is closed; the next export starts one again. */
export const EXPORT_THREAD_IDLE_MS = 5 * 60_000;

/** Seconds a refused export is told to wait before trying again (`Retry-After`). */
const BUSY_RETRY_SECONDS = 30;

/** A worker's script and its options. */
export type ExportThreadEntry = { readonly filename: string; readonly options: WorkerOptions };

/**
 * The worker's script: the compiled file next to this one; when the server runs from its
 * TypeScript sources (its tests), the same source compiled as it loads (`test/register-ts.cjs`).
 */
export function exportThreadEntry(): ExportThreadEntry {
  if (__filename.endsWith('.js'))
    return { filename: join(__dirname, 'ranking-export.worker.js'), options: {} };
  const register = join(__dirname, '..', '..', '..', 'test', 'register-ts.cjs');
  const source = join(__dirname, 'ranking-export.worker.ts');
  return {
    filename: `require(${JSON.stringify(register)}); require(${JSON.stringify(source)});`,
    options: { eval: true },
  };
}

export type ExportThreadPoolOptions = {
  /** Threads at most (`EXPORT_THREADS`). */
  readonly threads: number;
  /** Exports that may wait for a thread (`EXPORT_QUEUE`). */
  readonly queue: number;
  /** Idle time after which a thread is closed (`EXPORT_THREAD_IDLE_MS`). */
  readonly idleMs: number;
  /** Each thread's heap (`EXPORT_THREAD_LIMITS`). */
  readonly limits: NonNullable<WorkerOptions['resourceLimits']>;
  /** The worker's script (`exportThreadEntry`). */
  readonly entry: () => ExportThreadEntry;
};

/** Every thread busy and the queue full: the export is refused, to be tried again. */
export function exportsBusy(threads: number, queue: number): DomainError {
  return new DomainError(
    DomainErrorCode.TooManyRequests,
    `all ${threads} export threads are busy and ${queue} exports wait; try again in ${BUSY_RETRY_SECONDS} s`,
    undefined,
    [],
    { key: 'export.busy', params: { seconds: BUSY_RETRY_SECONDS } },
  );
}

/** The export's thread ended before the file did (it crashed, or the server is closing). */
export function exportThreadFailed(detail: string): DomainError {
  return new DomainError(
    DomainErrorCode.Conflict,
    `the export stopped on the server (${detail}); export it again`,
    undefined,
    [],
    { key: 'export.threadFailed' },
  );
}

function toError(failure: ExportFailure): Error {
  if (failure.domain)
    return new DomainError(
      failure.code,
      failure.message,
      failure.field,
      failure.problems,
      failure.reason,
    );
  const error = new Error(failure.message);
  if (failure.stack) error.stack = failure.stack;
  return error;
}

/** A thread of the pool taken for one export. */
export type RankingExportThread = {
  /**
   * Runs `job` on the thread: its own connection reads the rows through a cursor, the sheet is
   * written there, and only the bytes cross to `out`, a chunk at a time as `out` takes them
   * (backpressure). When `out` closes first (the client left) the thread stops: the cursor is
   * closed and the connection ended before this resolves. Resolves with the rows written (all of
   * them when `out` stayed open); rejects with the thread's error (a `DomainError` as such;
   * `export.threadFailed` when the thread itself ended). Does not end `out`. The thread goes back
   * to the pool when this settles.
   */
  run(job: RankingExportJob, out: Writable): Promise<number>;
  /** Gives the thread back without a job (the request was refused). */
  cancel(): Promise<void>;
};

/** A worker of the pool and what it is doing. */
type PooledThread = {
  readonly worker: Worker;
  /** The export it writes, told of the thread's messages and of its end. */
  current: {
    readonly id: number;
    message(message: FromExportThread): void;
    ended(detail: string): void;
  } | null;
  idle: NodeJS.Timeout | null;
  alive: boolean;
};

type Waiter = { resolve(thread: PooledThread): void; reject(error: unknown): void };

/**
 * Long-lived export threads: at most `threads`, started when an export needs one and none is
 * idle, reused export after export (so neither their code nor their allocator's arenas are made
 * again), and closed after `idleMs` without work. While all are busy up to `queue` exports wait in
 * order; beyond that `admit` refuses at once (`export.busy`). A thread that dies (a crash, its
 * heap limit) fails its export with `export.threadFailed` and is replaced by the next export that
 * needs one. `close` stops them all.
 */
export class ExportThreadPool {
  private readonly options: ExportThreadPoolOptions;
  private readonly threads = new Set<PooledThread>();
  /** Idle threads, the most recently used last (taken first, so the others may go idle). */
  private readonly idle: PooledThread[] = [];
  private readonly waiting: Waiter[] = [];
  private nextId = 1;
  private closed = false;
  /** Threads started since the pool was made. */
  private startedCount = 0;

  constructor(options: Partial<ExportThreadPoolOptions> = {}) {
    this.options = {
      threads: EXPORT_THREADS,
      queue: EXPORT_QUEUE,
      idleMs: EXPORT_THREAD_IDLE_MS,
      limits: EXPORT_THREAD_LIMITS,
      entry: exportThreadEntry,
      ...options,
    };
  }

  /** Threads alive, busy, and started so far; exports waiting. */
  stats(): { threads: number; busy: number; waiting: number; started: number } {
    return {
      threads: this.threads.size,
      busy: this.threads.size - this.idle.length,
      waiting: this.waiting.length,
      started: this.startedCount,
    };
  }

  /**
   * Takes a thread for one export: an idle one, a new one while fewer than `threads` run, or the
   * next to come free. Throws at once (`export.busy`) when the queue is full, so the request is
   * refused before its response starts.
   */
  admit(): Promise<RankingExportThread> {
    if (this.closed) throw exportThreadFailed('the server is closing');
    const idle = this.idle.pop();
    if (idle) {
      this.wake(idle);
      return Promise.resolve(this.lease(idle));
    }
    if (this.threads.size < this.options.threads) {
      try {
        return Promise.resolve(this.lease(this.start()));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    if (this.waiting.length >= this.options.queue)
      throw exportsBusy(this.options.threads, this.options.queue);
    return new Promise<PooledThread>((resolve, reject) =>
      this.waiting.push({ resolve, reject }),
    ).then((thread) => this.lease(thread));
  }

  /** `admit` and `run` in one. */
  async run(job: RankingExportJob, out: Writable): Promise<number> {
    return (await this.admit()).run(job, out);
  }

  /** Starts a thread now (it loads its code) and leaves it idle, if fewer than `threads` run. */
  warm(): void {
    if (this.closed || this.threads.size >= this.options.threads) return;
    this.release(this.start());
  }

  /**
   * Stops every thread: exports waiting are refused, those running fail (`export.threadFailed`);
   * a thread's connections close with it.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0))
      waiter.reject(exportThreadFailed('the server is closing'));
    this.idle.length = 0;
    await Promise.all([...this.threads].map((thread) => this.stop(thread)));
  }

  private start(): PooledThread {
    const { filename, options } = this.options.entry();
    const worker = new Worker(filename, { ...options, resourceLimits: this.options.limits });
    const thread: PooledThread = { worker, current: null, idle: null, alive: true };
    this.threads.add(thread);
    this.startedCount += 1;
    let thrown: string | null = null;
    worker.on('message', (message: FromExportThread) => {
      if (thread.current?.id === message.id) thread.current.message(message);
    });
    worker.on('error', (error) => {
      thrown ??= error.message;
    });
    worker.once('exit', (code) => {
      thread.alive = false;
      this.forget(thread);
      const current = thread.current;
      thread.current = null;
      current?.ended(
        this.closed ? 'the server is closing' : (thrown ?? `the thread exited with code ${code}`),
      );
      // a waiting export gets the place of the thread that died
      if (current === null) this.handOn();
    });
    // an idle thread does not keep the process alive
    worker.unref();
    return thread;
  }

  private async stop(thread: PooledThread): Promise<void> {
    this.forget(thread);
    if (thread.alive) await thread.worker.terminate();
  }

  /** Removes a thread from the pool's lists. */
  private forget(thread: PooledThread): void {
    this.wake(thread);
    this.threads.delete(thread);
    const at = this.idle.indexOf(thread);
    if (at >= 0) this.idle.splice(at, 1);
  }

  private wake(thread: PooledThread): void {
    if (thread.idle) clearTimeout(thread.idle);
    thread.idle = null;
  }

  /** A thread done with its export: to the next waiting export, or idle. */
  private release(thread: PooledThread): void {
    if (!thread.alive || this.closed) {
      void this.stop(thread);
      this.handOn();
      return;
    }
    const next = this.waiting.shift();
    if (next) return next.resolve(thread);
    this.idle.push(thread);
    thread.idle = setTimeout(() => void this.stop(thread), this.options.idleMs);
    thread.idle.unref();
  }

  /** A waiting export gets a new thread when there is room for one. */
  private handOn(): void {
    if (this.closed || this.waiting.length === 0) return;
    if (this.threads.size >= this.options.threads) return;
    const next = this.waiting.shift()!;
    try {
      next.resolve(this.start());
    } catch (error) {
      next.reject(error);
    }
  }

  private lease(thread: PooledThread): RankingExportThread {
    let used = false;
    const once = (): void => {
      if (used) throw new Error('an export thread is leased for one export');
      used = true;
    };
    return {
      run: (job, out) => {
        once();
        return this.runOn(thread, job, out).finally(() => this.release(thread));
      },
      cancel: async () => {
        once();
        this.release(thread);
      },
    };
  }

  private runOn(thread: PooledThread, job: RankingExportJob, out: Writable): Promise<number> {
    if (!thread.alive)
      return Promise.reject(exportThreadFailed('the thread ended before its export'));
    // the client left while the export waited for a thread
    if (out.destroyed) return Promise.resolve(0);
    const id = this.nextId++;
    const send = (message: ToExportThread): void => {
      if (thread.alive) thread.worker.postMessage(message);
    };
    const cancel = (): void => send({ kind: 'cancel', id });
    const ack = (): void => send({ kind: 'ack', id });
    // the thread keeps the process alive while it writes an export
    thread.worker.ref();
    return new Promise<number>((resolve, reject) => {
      const settle = (): void => {
        thread.current = null;
        thread.worker.unref();
        out.off('close', cancel);
        out.off('drain', ack);
      };
      thread.current = {
        id,
        message: (message) => {
          if (message.kind === 'done') {
            settle();
            if (message.failure) reject(toError(message.failure));
            else resolve(message.rows);
            return;
          }
          if (out.destroyed) return cancel();
          const { bytes } = message;
          if (out.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length))) ack();
          else out.once('drain', ack);
        },
        ended: (detail) => {
          settle();
          reject(exportThreadFailed(detail));
        },
      };
      out.on('close', cancel);
      send({ kind: 'job', id, job });
    });
  }
}

/** The server's export threads, stopped when the server closes. */
@Injectable()
export class RankingExportThreads extends ExportThreadPool implements OnApplicationShutdown {
  constructor() {
    super();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
