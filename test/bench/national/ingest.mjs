// The ingestion's figures of the national benchmark: its baseline (a raw COPY of the rows it
// wrote) and its CPU per report round by round.
import { rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The baseline of the ingestion: the rows it wrote (organizations, submissions, versions, returns)
 * dumped by the server (`COPY … TO` a file) and read back by a plain `COPY … FROM` into empty
 * copies of the tables with the same indexes. Returns the seconds of the COPY FROM.
 */
export async function rawCopy(client, dir) {
  const tables = ['organizations', 'submissions', 'submission_versions', 'submission_returns'];
  for (const table of tables)
    await client.query(`COPY ${table} TO '${join(dir, `${table}.copy`)}'`);
  for (const table of tables)
    await client.query(`CREATE TABLE bench_copy_${table} (LIKE ${table} INCLUDING ALL)`);
  const started = performance.now();
  await client.query('BEGIN');
  for (const table of tables)
    await client.query(`COPY bench_copy_${table} FROM '${join(dir, `${table}.copy`)}'`);
  await client.query('COMMIT');
  const seconds = (performance.now() - started) / 1000;
  for (const table of tables) {
    await client.query(`DROP TABLE bench_copy_${table}`);
    rmSync(join(dir, `${table}.copy`), { force: true });
  }
  return seconds;
}

/**
 * CPU per report round by round — the seed process's (from the manifest) and PostgreSQL's
 * (`roundPg`: its CPU seconds when the seed printed each round's line, from when it printed
 * the organizations' line, or `seedPg`): flat when nothing grows with the round or with the years already stored.
 */
export function roundCpuFigures(manifest, roundPg, seedPg, figure) {
  let pgBefore = roundPg.find((r) => r.year === null)?.at ?? seedPg;
  for (const round of manifest.rounds) {
    const pgAt = roundPg.find((r) => r.year === round.year)?.at;
    if (pgAt === undefined || round.cpuSeconds === undefined) continue;
    const perReport = (seconds) => (1000 * seconds) / round.reports;
    figure(`round ${round.year}: seed CPU per report`, perReport(round.cpuSeconds), 'ms', null);
    figure(
      `round ${round.year}: PostgreSQL CPU per report`,
      perReport(pgAt - pgBefore),
      'ms',
      null,
    );
    pgBefore = pgAt;
  }
}
