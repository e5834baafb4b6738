import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import {
  DomainError,
  type DomainErrorCode,
  type FieldProblem,
  type Reason,
} from '../../common/domain-error';
import type { RankingRowsPlan } from '../scoring';
import type { RankingSheetMeta } from './ranking-columns';
import type { FindingsPlan } from './ranking-findings.reader';

/** A ranking sheet to write, as plain data: what the export thread reads and writes. */
export type RankingExportJob = {
  readonly format: 'xlsx' | 'csv';
  readonly databaseUrl: string;
  readonly meta: RankingSheetMeta;
  readonly rows: RankingRowsPlan;
  /** The findings sheet's statement (.xlsx only). */
  readonly findings: FindingsPlan | null;
};

/** A failure on the thread, as it crosses to the caller's. */
export type ExportFailure =
  | {
      readonly domain: true;
      readonly code: DomainErrorCode;
      readonly message: string;
      readonly field?: string;
      readonly problems: readonly FieldProblem[];
      readonly reason?: Reason;
    }
  | { readonly domain: false; readonly message: string; readonly stack?: string };

/** Messages from the export thread. */
export type FromExportThread =
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'done'; readonly rows: number; readonly failure: ExportFailure | null };

/**
 * Messages to the export thread: its job, bytes taken (the next may come), or stop (the client
 * left).
 */
export type ToExportThread =
  | { readonly kind: 'job'; readonly job: RankingExportJob }
  | { readonly kind: 'ack' }
  | { readonly kind: 'cancel' };

/**
 * The thread's heap: young generation (two semi-spaces and the nursery of large objects) and old
 * generation. What an export keeps alive is small (a batch of rows, the writer's buffers, the
 * code it runs: 20–30 MB); the limit makes V8 collect what the rows promote well before the
 * default limits would, so an export's memory does not depend on V8's heuristics.
 */
export const EXPORT_THREAD_LIMITS = { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 96 };

/** Exports written at once; more wait for one to end. */
export const EXPORT_THREADS = 2;

/**
 * The worker's script: the compiled file next to this one; when the server runs from its
 * TypeScript sources (its tests), the same source compiled as it loads (`test/register-ts.cjs`).
 */
function workerEntry(): { filename: string; options: WorkerOptions } {
  if (__filename.endsWith('.js'))
    return { filename: join(__dirname, 'ranking-export.worker.js'), options: {} };
  const register = join(__dirname, '..', '..', '..', 'test', 'register-ts.cjs');
  const source = join(__dirname, 'ranking-export.worker.ts');
  return {
    filename: `require(${JSON.stringify(register)}); require(${JSON.stringify(source)});`,
    options: { eval: true },
  };
}

/** A counting semaphore: at most `EXPORT_THREADS` export threads at once, the rest in order. */
const slots = {
  free: EXPORT_THREADS,
  waiting: [] as (() => void)[],
  async take(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  },
  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  },
};

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

/** An export thread started ahead of its job: it loads its code while the sheet is resolved. */
export type RankingExportThread = {
  /**
   * Runs `job` on the thread: its own connection reads the rows through a cursor, the sheet is
   * written there, and only the bytes cross to `out`, a chunk at a time as `out` takes them
   * (backpressure). When `out` closes first (the client left) the thread stops: the cursor is
   * closed and the connection ended before this resolves. Resolves with the rows written (all of
   * them when `out` stayed open); rejects with the thread's error (a `DomainError` as such).
   * Does not end `out`.
   */
  run(job: RankingExportJob, out: Writable): Promise<number>;
  /** Stops a thread that will get no job (the request was refused). */
  cancel(): Promise<void>;
};

/**
 * Starts a ranking export's worker thread, once fewer than `EXPORT_THREADS` run (the others wait
 * in order). The thread's heap is bounded (`EXPORT_THREAD_LIMITS`), and the calling thread
 * allocates little more than the bytes it passes on.
 */
export async function startRankingExport(): Promise<RankingExportThread> {
  await slots.take();
  let worker: Worker;
  try {
    const { filename, options } = workerEntry();
    worker = new Worker(filename, { ...options, resourceLimits: EXPORT_THREAD_LIMITS });
  } catch (error) {
    slots.give();
    throw error;
  }
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  void exited.then(() => slots.give());
  let failure: ExportFailure | null = null;
  worker.on('error', (error) => {
    failure ??= { domain: false, message: error.message, stack: error.stack };
  });
  return {
    run: (job, out) => runOn(worker, exited, () => failure, job, out),
    cancel: async () => {
      await worker.terminate();
    },
  };
}

/** `startRankingExport` and `run` in one. */
export async function runRankingExport(job: RankingExportJob, out: Writable): Promise<number> {
  return (await startRankingExport()).run(job, out);
}

function runOn(
  worker: Worker,
  exited: Promise<number>,
  thrown: () => ExportFailure | null,
  job: RankingExportJob,
  out: Writable,
): Promise<number> {
  const send = (message: ToExportThread): void => worker.postMessage(message);
  const cancel = (): void => send({ kind: 'cancel' });
  const ack = (): void => send({ kind: 'ack' });
  let settled: { rows: number; failure: ExportFailure | null } | null = null;
  worker.on('message', (message: FromExportThread) => {
    if (message.kind === 'done') {
      settled = message;
      return;
    }
    if (out.destroyed) return cancel();
    const bytes = Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.length);
    if (out.write(bytes)) ack();
    else out.once('drain', ack);
  });
  out.on('close', cancel);
  send({ kind: 'job', job });
  if (out.destroyed) cancel();
  return exited.then((code) => {
    out.off('close', cancel);
    out.off('drain', ack);
    const result = settled ?? {
      rows: 0,
      failure: thrown() ?? { domain: false, message: `the export thread stopped (${code})` },
    };
    if (result.failure) throw toError(result.failure);
    return result.rows;
  });
}
