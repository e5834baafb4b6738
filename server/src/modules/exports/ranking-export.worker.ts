/**
 * A thread of the export pool (`ExportThreadPool`): loads its code once, then writes one export
 * after another. For each it opens its own connections, reads the rows and the findings through
 * a cursor and writes the .xlsx or .csv, passing the bytes to the calling thread in chunks of
 * 256 KB, a few at most not yet taken; it posts `done` with the rows written (or the
 * failure) once its connections are closed, and waits for the next.
 */
import { Writable } from 'node:stream';
import { type MessagePort, parentPort } from 'node:worker_threads';
import { DomainError } from '../../common/domain-error';
import { pgCursorSource } from '../../database/pg-cursor-source';
// scoring's surface for threads: its index would load its Nest providers, entities and TypeORM
import { plannedRankingRows } from '../scoring/thread';
import { writeRankingCsv } from './ranking-csv.writer';
import type {
  ExportFailure,
  FromExportThread,
  RankingExportJob,
  ToExportThread,
} from './ranking-export.messages';
import { startEarly } from './ranking-export.early';
import { plannedFindingRows } from './ranking-findings.reader';
import { writeRankingWorkbook } from './ranking-workbook.writer';

function threadPort(): MessagePort {
  if (!parentPort) throw new Error('the ranking export runs on a worker thread');
  return parentPort;
}
const port = threadPort();

/**
 * Bytes handed over at a time: what the writer gives (deflate's output, a few KB per piece) is
 * gathered into chunks of this size, so a national file crosses in about a hundred messages
 * rather than thousands.
 */
export const CHUNK_BYTES = 256 * 1024;

/**
 * Chunks handed over and not yet taken: a few, so the next chunk is on its way while the calling
 * thread writes one to the response (one at a time would wait for a round trip between the
 * threads per chunk), and the bytes in flight stay bounded (1 MB).
 */
export const CHUNKS_IN_FLIGHT = 4;

/** An export's output: its bytes, and how the chunks handed over are acknowledged. */
type Output = {
  readonly id: number;
  readonly out: Writable;
  /** Chunks handed over and not yet taken. */
  inFlight: number;
  /** The write waiting for a chunk to be taken (the window is full). */
  blocked: (() => void) | null;
};

/** The export being written. */
let current: Output | null = null;

/**
 * The bytes of export `id`: the first piece written is handed over at once, and the export waits
 * until it is taken (the download starts; a client that left at once stops the export there);
 * after it the bytes are gathered into chunks of `CHUNK_BYTES` and handed over one by one, at
 * most `CHUNKS_IN_FLIGHT` not yet taken, the last, shorter chunk when the output ends.
 */
function output(id: number): Output {
  let chunk = new Uint8Array(CHUNK_BYTES);
  let used = 0;
  let first = true;
  const handOver = (): void => {
    const bytes = used === chunk.length ? chunk : chunk.slice(0, used);
    chunk = new Uint8Array(CHUNK_BYTES);
    used = 0;
    state.inFlight += 1;
    port.postMessage({ kind: 'bytes', id, bytes } satisfies FromExportThread, [bytes.buffer]);
  };
  const state: Output = {
    id,
    inFlight: 0,
    blocked: null,
    out: new Writable({
      highWaterMark: CHUNK_BYTES,
      write(data: Buffer, _encoding, callback) {
        if (first) {
          first = false;
          chunk = new Uint8Array(data);
          used = chunk.length;
          handOver();
          state.blocked = () => callback();
          return;
        }
        let at = 0;
        while (at < data.length) {
          const n = Math.min(data.length - at, chunk.length - used);
          chunk.set(data.subarray(at, at + n), used);
          used += n;
          at += n;
          if (used === chunk.length) handOver();
        }
        if (state.inFlight < CHUNKS_IN_FLIGHT) callback();
        else state.blocked = () => callback();
      },
      final(callback) {
        if (used > 0) handOver();
        // ends once the calling thread has taken every chunk
        const whenTaken = (): void => {
          if (state.inFlight === 0) callback();
          else state.blocked = whenTaken;
        };
        whenTaken();
      },
      destroy(error, callback) {
        state.blocked = null;
        callback(error);
      },
    }),
  };
  return state;
}

port.on('message', (message: ToExportThread) => {
  if (message.kind === 'job') {
    const state = output(message.id);
    current = state;
    void run(message.job, state.out).then((result) => {
      current = null;
      port.postMessage({ kind: 'done', id: message.id, ...result } satisfies FromExportThread);
    });
    return;
  }
  // an acknowledgement or a stop for an export that already ended
  if (current?.id !== message.id) return;
  if (message.kind === 'ack') {
    current.inFlight -= 1;
    const blocked = current.blocked;
    current.blocked = null;
    blocked?.();
  } else if (!current.out.destroyed) {
    current.out.destroy();
  }
});

function failureOf(error: unknown): ExportFailure {
  if (error instanceof DomainError)
    return {
      domain: true,
      code: error.code,
      message: error.message,
      field: error.field,
      problems: error.problems,
      reason: error.reason,
    };
  if (error instanceof Error) return { domain: false, message: error.message, stack: error.stack };
  return { domain: false, message: String(error) };
}

/** Waits until every byte written to `out` was taken (or `out` was closed). */
function flushed(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    if (out.destroyed) return resolve();
    out.once('close', () => resolve());
    out.end();
  });
}

async function run(
  job: RankingExportJob,
  out: Writable,
): Promise<{ rows: number; failure: ExportFailure | null }> {
  // the ranking's cursor, the findings' cursor, and the check that the result still exists
  const db = pgCursorSource(job.databaseUrl, { max: 3, applicationName: 'gongkai-export' });
  let rows = 0;
  let failure: ExportFailure | null = null;
  // The findings' statement sorts every finding of the population before its first row: it runs
  // on the database's side while this thread writes the ranking sheet.
  const findings = job.format === 'xlsx' && job.findings ? job.findings : null;
  const early = findings ? startEarly(plannedFindingRows(db, findings)) : null;
  try {
    const ranking = plannedRankingRows(db, job.rows);
    if (job.format === 'csv') {
      rows = await writeRankingCsv(out, job.meta, ranking);
    } else {
      const counts = await writeRankingWorkbook(out, job.meta, ranking, () => early?.rows ?? []);
      rows = counts.rows;
    }
    await flushed(out);
  } catch (error) {
    failure = failureOf(error);
  } finally {
    await early?.close();
    await db.end().catch(() => undefined);
  }
  return { rows, failure };
}
