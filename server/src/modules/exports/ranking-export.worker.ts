/**
 * A ranking export on a thread of its own (see `startRankingExport`): loads its code, waits for
 * its job, reads the rows and the findings through its own connection and writes the .xlsx or
 * .csv, passing the bytes to the calling thread a chunk at a time, each after the last was taken.
 * Ends by posting `done` with the rows written (or the failure) once its connection is closed.
 */
import { Writable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
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
} from './ranking-export.thread';
import { plannedFindingRows } from './ranking-findings.reader';
import { writeRankingWorkbook } from './ranking-workbook.writer';

const port = parentPort;
if (!port) throw new Error('the ranking export runs on a worker thread');

/** The bytes of the file, handed over one chunk at a time (the next once this one is taken). */
let taken: ((error?: Error | null) => void) | null = null;
const out = new Writable({
  highWaterMark: 256 * 1024,
  write(chunk: Buffer, _encoding, callback) {
    taken = callback;
    const bytes = new Uint8Array(chunk.length);
    bytes.set(chunk);
    port.postMessage({ kind: 'bytes', bytes } satisfies FromExportThread, [bytes.buffer]);
  },
  destroy(error, callback) {
    taken = null;
    callback(error);
  },
});

port.on('message', (message: ToExportThread) => {
  if (message.kind === 'job') {
    void run(message.job).then((result) => {
      port.postMessage({ kind: 'done', ...result } satisfies FromExportThread);
      port.close();
    });
  } else if (message.kind === 'ack') {
    const done = taken;
    taken = null;
    done?.();
  } else if (!out.destroyed) {
    out.destroy();
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
function flushed(): Promise<void> {
  return new Promise((resolve) => {
    if (out.destroyed) return resolve();
    out.once('close', () => resolve());
    out.end();
  });
}

async function run(
  job: RankingExportJob,
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
    await flushed();
  } catch (error) {
    failure = failureOf(error);
  } finally {
    await db.end().catch(() => undefined);
  }
  return { rows, failure };
}
