import { randomUUID } from 'node:crypto';
import { PassThrough, Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { Actor } from '../src/common/actor';
import { DomainError, DomainErrorCode } from '../src/common/domain-error';
import { Role } from '../src/common/permissions';
import { ExportsService } from '../src/modules/exports/exports.service';
import {
  EXPORT_THREADS,
  runRankingExport,
  type RankingExportJob,
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

/** Everything written to a stream, once the export resolves. */
function collector(): { out: PassThrough; bytes: () => Buffer } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { out, bytes: () => Buffer.concat(chunks) };
}

describe(runRankingExport.name, () => {
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
    expect(await exportConnections(sut)).toBe(0);
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
    expect(await exportConnections(sut)).toBe(0);
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
    expect(await exportConnections(sut)).toBe(0);
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
    expect(await exportConnections(sut)).toBe(0);
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
    expect(await exportConnections(sut)).toBe(0);
  }, 120_000);
});
