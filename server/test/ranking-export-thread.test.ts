import { randomUUID } from 'node:crypto';
import { PassThrough, Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { Actor } from '../src/common/actor';
import { DomainError, DomainErrorCode } from '../src/common/domain-error';
import { Role } from '../src/common/permissions';
import { ExportsService } from '../src/modules/exports/exports.service';
import {
  EXPORT_QUEUE,
  EXPORT_THREADS,
  ExportThreadPool,
  exportThreadEntry,
  type RankingExportJob,
  RankingExportThreads,
} from '../src/modules/exports/ranking-export.thread';
import { parseCsv, buildRankingWorld } from './support/ranking';
import { useAppWith } from './support/suite';
import type { TestApp } from './test-app';
import type { World } from './support/world';

/** Connections the export threads hold (their pools name themselves `gongkai-export`). */
async function exportConnections(sut: TestApp): Promise<number> {
  const [row] = (await sut.app
    .get(DataSource)
    .query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'gongkai-export'`,
    )) as { n: number }[];
  return row!.n;
}

/**
 * Waits (up to 5 s) until the export threads hold no connection; how many they still hold. A
 * thread ends its connection before its export resolves, but the server process behind it leaves
 * `pg_stat_activity` a moment after the socket closes.
 */
async function connectionsClosed(sut: TestApp): Promise<number> {
  for (let i = 0; i < 100; i += 1) {
    const open = await exportConnections(sut);
    if (open === 0) return 0;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return exportConnections(sut);
}

/** An output that takes the first chunk and then never asks for another (a stalled client). */
function stalled(): { out: Writable; firstChunk: Promise<void> } {
  let took: () => void = () => undefined;
  const firstChunk = new Promise<void>((resolve) => (took = resolve));
  const out = new Writable({
    highWaterMark: 1,
    write() {
      took();
    },
  });
  return { out, firstChunk };
}

/**
 * The real export thread with a fault put in: it throws an uncaught error (a crash) once it is
 * given an export whose round label is `crash`.
 */
function crashingEntry(): ReturnType<typeof exportThreadEntry> {
  const { filename, options } = exportThreadEntry();
  if (!options.eval) throw new Error('the tests run the worker from its sources');
  const fault = `require('node:worker_threads').parentPort.on('message', (m) => {
    if (m.kind === 'job' && m.job.meta.roundLabel === 'crash')
      setImmediate(() => { throw new Error('crashed on purpose'); });
  });`;
  return { filename: `${fault}\n${filename}`, options };
}

/** Everything written to a stream, once the export resolves. */
function collector(): { out: PassThrough; bytes: () => Buffer } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { out, bytes: () => Buffer.concat(chunks) };
}

describe(ExportThreadPool.name, () => {
  let sut: TestApp;
  let w: World;

  useAppWith(
    (app) => buildRankingWorld(app),
    (booted, world) => {
      sut = booted;
      ({ w } = world);
    },
    { timeout: 120_000 },
  );

  /** The server's export threads. */
  const threads = (): RankingExportThreads => sut.app.get(RankingExportThreads);
  const runRankingExport = (made: RankingExportJob, out: Writable): Promise<number> =>
    threads().run(made, out);

  const supervisor = (): Actor => ({
    userId: '00000000-0000-4000-8000-000000000001',
    username: 'reader',
    role: Role.SUPERVISOR,
    organizationId: w.org.city.id,
    organizationPath: w.org.city.path,
    sessionId: 'test',
  });

  async function job(
    format: RankingExportJob['format'],
    batch?: number,
  ): Promise<RankingExportJob> {
    const exports = sut.app.get(ExportsService);
    const sheet = await exports.rankingSheet(supervisor(), {
      roundId: w.round2023.id,
      regionId: w.org.city.id,
    });
    const made = exports.exportJob(sheet, format);
    return batch === undefined ? made : { ...made, rows: { ...made.rows, batch } };
  }

  it('writes the rows on a thread of its own and closes its connection before it resolves', async () => {
    const { out, bytes } = collector();
    const rows = await runRankingExport(await job('csv'), out);
    const lines = parseCsv(
      bytes()
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    );
    // two header rows (the column groups joined), then one line per organization
    expect(rows).toBeGreaterThan(2);
    expect(lines.filter((line) => line.length > 1)).toHaveLength(rows + 1);
    expect(await connectionsClosed(sut)).toBe(0);
  }, 60_000);

  it('stops when the output closes: rows cut short, cursor closed, connection released', async () => {
    const whole = await runRankingExport(await job('csv', 1), new PassThrough().resume());
    // an output that takes one chunk and then goes away, as a client leaving mid-download does
    let chunks = 0;
    const leaving = new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, callback) {
        chunks += 1;
        callback();
        this.destroy();
      },
    });
    const cut = await runRankingExport(await job('xlsx', 1), leaving);
    expect(chunks).toBe(1);
    expect(cut).toBeLessThan(whole);
    expect(await connectionsClosed(sut)).toBe(0);
  }, 60_000);

  it('gives its thread back when the request is refused: exports after it still run', async () => {
    for (let i = 0; i < EXPORT_THREADS + 1; i += 1) {
      const refused = await sut
        .http()
        .post('/api/exports/ranking.xlsx')
        .send({ roundId: 'not-a-round', regionId: w.org.city.id })
        .set('cookie', w.cookie.supervisor);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'roundId' });
    }
    const { out } = collector();
    expect(await runRankingExport(await job('csv'), out)).toBeGreaterThan(2);
    expect(await connectionsClosed(sut)).toBe(0);
  }, 60_000);

  it('ends in the conflict ranking.resultReplaced when the stored result is gone', async () => {
    const made = await job('xlsx');
    if (made.rows.kind !== 'result') throw new Error('a live ranking reads a stored result');
    const gone = randomUUID();
    const replaced: RankingExportJob = {
      ...made,
      rows: {
        ...made.rows,
        resultId: gone,
        params: [gone, made.rows.params[1], made.rows.params[2], made.rows.params[3]],
      },
    };
    const failure = await runRankingExport(replaced, new PassThrough().resume()).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(DomainError);
    expect(failure).toMatchObject({
      code: DomainErrorCode.Conflict,
      reason: { key: 'ranking.resultReplaced' },
    });
    expect(await connectionsClosed(sut)).toBe(0);
  }, 60_000);

  it(`writes the whole file for each of more exports at once than its ${EXPORT_THREADS} threads`, async () => {
    const started = Array.from({ length: EXPORT_THREADS + 1 }, async () => {
      const { out, bytes } = collector();
      const rows = await runRankingExport(await job('csv'), out);
      return { rows, size: bytes().length };
    });
    const done = await Promise.all(started);
    expect(new Set(done.map((d) => d.rows)).size).toBe(1);
    expect(new Set(done.map((d) => d.size)).size).toBe(1);
    expect(await connectionsClosed(sut)).toBe(0);
  }, 120_000);

  it('writes export after export on the same thread, started once', async () => {
    await runRankingExport(await job('csv'), new PassThrough().resume());
    const { started } = threads().stats();
    const sizes: number[] = [];
    for (const format of ['xlsx', 'csv', 'xlsx'] as const) {
      const { out, bytes } = collector();
      expect(await runRankingExport(await job(format), out)).toBeGreaterThan(2);
      sizes.push(bytes().length);
    }
    // the same file twice from the same thread: nothing of the first export is left in it
    expect(sizes[2]).toBeGreaterThan(0);
    expect(Math.abs(sizes[2]! - sizes[0]!)).toBeLessThan(64);
    expect(threads().stats()).toMatchObject({ started, busy: 0, waiting: 0 });
    expect(threads().stats().threads).toBeGreaterThanOrEqual(1);
    expect(await connectionsClosed(sut)).toBe(0);
  }, 120_000);

  it('writes the next export whole on a thread whose client left', async () => {
    const whole = await runRankingExport(await job('csv', 1), new PassThrough().resume());
    const { started } = threads().stats();
    const { out, firstChunk } = stalled();
    const cut = runRankingExport(await job('xlsx', 1), out);
    await firstChunk;
    out.destroy();
    expect(await cut).toBeLessThan(whole);
    expect(await connectionsClosed(sut)).toBe(0);
    expect(await runRankingExport(await job('csv', 1), new PassThrough().resume())).toBe(whole);
    expect(threads().stats()).toMatchObject({ started, busy: 0 });
  }, 120_000);

  it('fails the export of a thread that crashes, and starts another for the next', async () => {
    const pool = new ExportThreadPool({ threads: 1, entry: crashingEntry });
    try {
      const made = await job('csv', 1);
      const failure = await pool
        .run({ ...made, meta: { ...made.meta, roundLabel: 'crash' } }, new PassThrough().resume())
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DomainError);
      expect(failure).toMatchObject({
        code: DomainErrorCode.Conflict,
        reason: { key: 'export.threadFailed' },
      });
      expect((failure as Error).message).toContain('crashed on purpose');
      expect(pool.stats()).toMatchObject({ threads: 0, busy: 0, started: 1 });
      expect(await connectionsClosed(sut)).toBe(0);
      const { out, bytes } = collector();
      expect(await pool.run(made, out)).toBeGreaterThan(2);
      expect(bytes().length).toBeGreaterThan(0);
      expect(pool.stats()).toMatchObject({ threads: 1, busy: 0, started: 2 });
    } finally {
      await pool.close();
    }
    expect(await connectionsClosed(sut)).toBe(0);
  }, 120_000);

  it('queues exports while every thread is busy and refuses more than its queue holds', async () => {
    const pool = new ExportThreadPool({ threads: 1, queue: 1 });
    try {
      const first = await pool.admit();
      const queued = pool.admit();
      expect(pool.stats()).toMatchObject({ threads: 1, busy: 1, waiting: 1 });
      let refused: unknown = null;
      try {
        void pool.admit();
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({
        code: DomainErrorCode.TooManyRequests,
        reason: { key: 'export.busy', params: { seconds: 30 } },
      });
      await first.cancel();
      const { out } = collector();
      expect(await (await queued).run(await job('csv'), out)).toBeGreaterThan(2);
      expect(pool.stats()).toMatchObject({ threads: 1, busy: 0, waiting: 0, started: 1 });
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('answers 429 export.busy, before the file starts, when every thread and queue place is taken', async () => {
    const held = Array.from({ length: EXPORT_THREADS + EXPORT_QUEUE }, () => threads().admit());
    expect(threads().stats()).toMatchObject({ busy: EXPORT_THREADS, waiting: EXPORT_QUEUE });
    const refused = await sut
      .http()
      .post('/api/exports/ranking.xlsx')
      .send({ roundId: w.round2023.id, regionId: w.org.city.id })
      .set('cookie', w.cookie.supervisor);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('30');
    expect(refused.headers['content-disposition']).toBeUndefined();
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'export.busy' });
    for (const lease of held) await (await lease).cancel();
    expect(threads().stats()).toMatchObject({ busy: 0, waiting: 0 });
    const { out } = collector();
    expect(await runRankingExport(await job('csv'), out)).toBeGreaterThan(2);
  }, 120_000);

  it('stops its threads when closed: the running export fails, its connection closes', async () => {
    const pool = new ExportThreadPool();
    pool.warm();
    expect(pool.stats()).toMatchObject({ threads: 1, busy: 0, started: 1 });
    const { out, firstChunk } = stalled();
    const running = pool.run(await job('xlsx', 1), out).catch((error: unknown) => error);
    await firstChunk;
    await pool.close();
    expect(await running).toMatchObject({ reason: { key: 'export.threadFailed' } });
    expect(pool.stats()).toMatchObject({ threads: 0, busy: 0, started: 1 });
    expect(() => pool.admit()).toThrow(DomainError);
    expect(await connectionsClosed(sut)).toBe(0);
  }, 120_000);
});
