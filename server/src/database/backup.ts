import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type { Client } from 'pg';

/**
 * A logical backup: every application table, rows as JSON (`row_to_json`), in foreign-key order,
 * gzip-compressed. Chosen over a base backup because it needs no PostgreSQL tools of the
 * server's major version (the embedded PostgreSQL 18 ships no pg_dump), works the same on an
 * external database without superuser or replication rights, and restores across PostgreSQL
 * versions. The file records the migrations the data was written under; a restore goes onto a
 * database migrated to exactly those.
 *
 * Layout, one line each: `H <header JSON>`, then per table `T <name>`, its rows `R <row JSON>`
 * and `E <{"rows":n,"sha256":…}>`, and last `Z <{"tables":n}>`.
 */
export const BACKUP_FORMAT = 'gongkai-backup/1';

/** Thrown for anything wrong with a backup or its target; the message is one line. */
export class BackupError extends Error {}

type Header = {
  format: string;
  createdAt: string;
  migrations: string[];
  tables: string[];
};

const FETCH = 500;

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Application tables in an order where every table comes after those it references. */
export async function tablesInDependencyOrder(client: Client): Promise<string[]> {
  const tables = (
    await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'migrations'
        ORDER BY c.relname`,
    )
  ).rows.map((r) => r.name);
  const edges = (
    await client.query<{ child: string; parent: string }>(
      `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
         JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE k.contype = 'f' AND n.nspname = 'public' AND c.oid <> p.oid`,
    )
  ).rows;
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.filter(
      (t) =>
        !placed.has(t) &&
        edges.every((e) => e.child !== t || placed.has(e.parent) || e.parent === t),
    );
    if (next.length === 0) throw new BackupError('foreign keys form a cycle between tables');
    for (const t of next) {
      placed.add(t);
      ordered.push(t);
    }
  }
  return ordered;
}

async function migrationsOf(client: Client): Promise<string[]> {
  const rows = await client.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
  return rows.rows.map((r) => r.name);
}

/** Writes a consistent snapshot (one REPEATABLE READ transaction) of the database to `file`. */
export async function writeBackup(
  client: Client,
  file: string,
): Promise<{ tables: Record<string, number> }> {
  const counts: Record<string, number> = {};
  const temp = `${file}.partial`;
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const header: Header = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      migrations: await migrationsOf(client),
      tables: await tablesInDependencyOrder(client),
    };
    async function* lines(): AsyncGenerator<string> {
      yield `H ${JSON.stringify(header)}\n`;
      for (const table of header.tables) {
        yield `T ${table}\n`;
        const hash = createHash('sha256');
        let rows = 0;
        await client.query(
          // eslint-disable-next-line gongkai/own-tables-only -- a backup reads every table of the schema
          `DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${quote(table)} t`,
        );
        for (;;) {
          const batch = await client.query<{ j: string }>(`FETCH ${FETCH} FROM backup_rows`);
          if (batch.rows.length === 0) break;
          let chunk = '';
          for (const { j } of batch.rows) {
            hash.update(j).update('\n');
            chunk += `R ${j}\n`;
          }
          rows += batch.rows.length;
          yield chunk;
        }
        await client.query('CLOSE backup_rows');
        counts[table] = rows;
        yield `E ${JSON.stringify({ rows, sha256: hash.digest('hex') })}\n`;
      }
      yield `Z ${JSON.stringify({ tables: header.tables.length })}\n`;
    }
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(temp));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await rename(temp, file);
  return { tables: counts };
}

/** Reads a backup line by line; any damage (gzip, framing, checksum) is a BackupError. */
async function* readLines(file: string): AsyncGenerator<string> {
  const info = await stat(file).catch(() => null);
  if (!info) throw new BackupError(`${file} does not exist`);
  if (!info.isFile()) throw new BackupError(`${file} is not a file`);
  const input = createGunzip();
  createReadStream(file)
    .on('error', (error) => input.destroy(error))
    .pipe(input);
  const damaged = (reason: string): BackupError =>
    new BackupError(`${file} is not a complete Gongkai backup (${reason})`);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      pending += decoder.write(chunk);
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        yield pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw damaged(code === 'Z_BUF_ERROR' ? 'the file is cut short' : 'not gzip or damaged');
  } finally {
    input.destroy();
  }
  pending += decoder.end();
  if (pending !== '') yield pending;
}

/** Reads just the header (format, migrations, tables) of a backup. */
export async function readBackupHeader(file: string): Promise<Header> {
  for await (const line of readLines(file)) return parseHeader(file, line);
  throw new BackupError(`${file} is empty, not a Gongkai backup`);
}

function parseHeader(file: string, line: string): Header {
  let header: Partial<Header> | null;
  try {
    header = line.startsWith('H ') ? (JSON.parse(line.slice(2)) as Partial<Header>) : null;
  } catch {
    header = null;
  }
  if (header?.format !== BACKUP_FORMAT || !Array.isArray(header.migrations) || !header.tables)
    throw new BackupError(`${file} is not a Gongkai backup (${BACKUP_FORMAT})`);
  return header as Header;
}

/**
 * Loads a backup into `client`'s database, which must carry exactly the backup's migrations.
 * Everything happens in one transaction: the database's rows are replaced by the backup's
 * (user triggers are off meanwhile, so the append-only guards and change counters do not fire),
 * and each table's row count and checksum are verified before the commit. Any problem rolls it
 * all back.
 */
export async function restoreBackup(
  client: Client,
  file: string,
): Promise<{ tables: Record<string, number> }> {
  const damaged = (reason: string): BackupError =>
    new BackupError(`${file} is not a complete Gongkai backup (${reason})`);
  const lines = readLines(file);
  const first = await lines.next();
  if (first.done) throw new BackupError(`${file} is empty, not a Gongkai backup`);
  const header = parseHeader(file, first.value);

  const present = await migrationsOf(client);
  if (JSON.stringify(present) !== JSON.stringify(header.migrations)) {
    throw new BackupError(
      `${file} was written by a database at schema version ${header.migrations.at(-1) ?? 'none'} (${header.migrations.length} migrations); this one is at ${present.at(-1) ?? 'none'} (${present.length}); restore it with the Gongkai version that wrote it`,
    );
  }
  const tables = await tablesInDependencyOrder(client);
  if (JSON.stringify([...tables].sort()) !== JSON.stringify([...header.tables].sort()))
    throw damaged('its tables differ from the schema it names');

  const counts: Record<string, number> = {};
  await client.query('BEGIN');
  try {
    await client.query('CREATE TEMP TABLE restore_rows (j json NOT NULL) ON COMMIT DROP');
    for (const t of tables) await client.query(`ALTER TABLE ${quote(t)} DISABLE TRIGGER USER`);
    await client.query(`TRUNCATE ${tables.map(quote).join(', ')}`);
    let table: string | null = null;
    let hash = createHash('sha256');
    let rows = 0;
    let batch: string[] = [];
    let complete = false;
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      await client.query(
        'INSERT INTO restore_rows (j) SELECT value FROM json_array_elements($1::json)',
        [`[${batch.join(',')}]`],
      );
      batch = [];
    };
    for await (const line of lines) {
      if (complete) throw damaged('data after its end');
      const kind = line.slice(0, 2);
      const rest = line.slice(2);
      if (kind === 'T ') {
        if (table !== null || !header.tables.includes(rest)) throw damaged(`table ${rest}`);
        table = rest;
        hash = createHash('sha256');
        rows = 0;
      } else if (kind === 'R ' && table !== null) {
        hash.update(rest).update('\n');
        rows += 1;
        batch.push(rest);
        if (batch.length >= FETCH) await flush();
      } else if (kind === 'E ' && table !== null) {
        await flush();
        let end: { rows?: number; sha256?: string };
        try {
          end = JSON.parse(rest) as typeof end;
        } catch {
          throw damaged(`end of table ${table}`);
        }
        if (end.rows !== rows || end.sha256 !== hash.digest('hex'))
          throw damaged(`checksum of table ${table} does not match`);
        // One statement per table: rows referencing rows of the same table load in any order.
        await client.query(
          // eslint-disable-next-line gongkai/own-tables-only -- a restore writes every table of the schema
          `INSERT INTO ${quote(table)} SELECT r.* FROM restore_rows, json_populate_record(NULL::${quote(table)}, restore_rows.j) r`,
        );
        await client.query('TRUNCATE restore_rows');
        counts[table] = rows;
        table = null;
      } else if (kind === 'Z ' && table === null) {
        complete = true;
      } else {
        throw damaged('unexpected content');
      }
    }
    if (!complete) throw damaged('the file is cut short');
    if (Object.keys(counts).length !== header.tables.length) throw damaged('tables missing');
    for (const t of tables) await client.query(`ALTER TABLE ${quote(t)} ENABLE TRIGGER USER`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (error instanceof BackupError) throw error;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new BackupError(`restore failed, nothing was changed: ${reason}`);
  }
  return { tables: counts };
}

/** Sessions of running Gongkai servers on this database (other than this client). */
export async function otherServerSessions(client: Client): Promise<number> {
  const rows = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid()
        AND application_name LIKE 'gongkai%'`,
  );
  return rows.rows[0]?.n ?? 0;
}

/** Whether the database holds any application rows. */
export async function hasData(client: Client): Promise<boolean> {
  for (const table of ['organizations', 'users', 'submissions']) {
    // eslint-disable-next-line gongkai/own-tables-only -- whether a restore would overwrite rows
    const rows = await client.query(`SELECT 1 FROM ${quote(table)} LIMIT 1`);
    if (rows.rows.length > 0) return true;
  }
  return false;
}
