/**
 * A thread of the export pool (`ExportThreadPool`): loads its code once, then writes one export
 * after another. For each it opens its own connections, reads the rows and the findings through
 * a cursor and writes the .xlsx or .csv, passing the bytes to the calling thread a chunk at a
 * time, each after the last was taken; it posts `done` with the rows written (or the failure)
 * once its connections are closed, and waits for the next.
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
import { plannedFindingRows } from './ranking-findings.reader';
import { writeRankingWorkbook } from './ranking-workbook.writer';

function threadPort(): MessagePort {
  if (!parentPort) throw new Error('the ranking export runs on a worker thread');
  return parentPort;
}
const port = threadPort();

/** An export's output: its bytes, and how the last chunk handed over is acknowledged. */
type Output = { readonly id: number; readonly out: Writable; taken: (() => void) | null };

/** The export being written. */
let current: Output | null = null;

/** The bytes of export `id`, handed over one chunk at a time (the next once this one is taken). */
function output(id: number): Output {
  const state: Output = {
    id,
    taken: null,
    out: new Writable({
      highWaterMark: 256 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        state.taken = () => callback();
        const bytes = new Uint8Array(chunk.length);
        bytes.set(chunk);
        port.postMessage({ kind: 'bytes', id, bytes } satisfies FromExportThread, [bytes.buffer]);
      },
      destroy(error, callback) {
        state.taken = null;
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
    const done = current.taken;
    current.taken = null;
    done?.();
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
  const db = pgCursorSource(job.databaseUrl, { max: 2, applicationName: 'gongkai-export' });
  let rows = 0;
  let failure: ExportFailure | null = null;
  try {
    const ranking = plannedRankingRows(db, job.rows);
    if (job.format === 'csv') {
      rows = await writeRankingCsv(out, job.meta, ranking);
    } else {
      const findings = job.findings;
      const counts = await writeRankingWorkbook(out, job.meta, ranking, () =>
        findings ? plannedFindingRows(db, findings) : [],
      );
      rows = counts.rows;
    }
    await flushed(out);
  } catch (error) {
    failure = failureOf(error);
  } finally {
    await db.end().catch(() => undefined);
  }
  return { rows, failure };
}
