import { readFileSync } from 'node:fs';
import { open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Thrown when another live process owns the data folder; the message is one line. */
export class DataDirLockedError extends Error {}

/** What the lock file records about its owner. */
export type LockOwner = {
  pid: number;
  /** Start time of the process (Linux `/proc/<pid>/stat` field 22), so a reused pid is not mistaken for the owner. */
  processStart: string | null;
  /** What holds the folder: the server, or a command such as `restore`. */
  purpose: string;
  startedAt: string;
  /** The server's URL, once it listens. */
  url: string | null;
  /** Port of the folder's PostgreSQL on 127.0.0.1, once started (for `gongkai backup`). */
  pgPort: number | null;
};

export type DataDirLock = {
  readonly path: string;
  /** Records the URL the server answers at, for the message a second server prints. */
  announce(url: string): Promise<void>;
  /** Records the port of the folder's PostgreSQL. */
  databaseStarted(pgPort: number): Promise<void>;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): Promise<void>;
};

export const LOCK_FILE = 'gongkai.lock';

function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process the lock names still runs (and is the same process, not a reused pid). */
export function ownerAlive(owner: LockOwner): boolean {
  if (!Number.isInteger(owner.pid) || owner.pid <= 0 || !isAlive(owner.pid)) return false;
  if (owner.processStart === null) return true;
  const now = processStart(owner.pid);
  return now === null || now === owner.processStart;
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid !== 'number') return null;
    return {
      pid: value.pid,
      processStart: typeof value.processStart === 'string' ? value.processStart : null,
      purpose: typeof value.purpose === 'string' ? value.purpose : 'server',
      startedAt: typeof value.startedAt === 'string' ? value.startedAt : '?',
      url: typeof value.url === 'string' ? value.url : null,
      pgPort: typeof value.pgPort === 'number' ? value.pgPort : null,
    };
  } catch {
    return null;
  }
}

/** Reads the owner recorded in `<dataDir>/gongkai.lock`, or null when there is none. */
export async function readLockOwner(dataDir: string): Promise<LockOwner | null> {
  try {
    return parseOwner(await readFile(join(dataDir, LOCK_FILE), 'utf8'));
  } catch {
    return null;
  }
}

function describe(owner: LockOwner): string {
  const what = owner.purpose === 'server' ? 'another Gongkai server' : `gongkai ${owner.purpose}`;
  const where = owner.url ? `, ${owner.url}` : '';
  return `${what} (pid ${owner.pid}${where}, since ${owner.startedAt})`;
}

/**
 * Makes this process the only owner of the data folder. The lock file is created exclusively; a
 * lock left by a process that is gone (kill -9, power loss) is taken over, a live owner is named
 * in the error. Only the owner may start, stop or clear the folder's PostgreSQL.
 */
export async function acquireDataDirLock(
  dataDir: string,
  purpose = 'server',
): Promise<DataDirLock> {
  const path = join(dataDir, LOCK_FILE);
  const me: LockOwner = {
    pid: process.pid,
    processStart: processStart(process.pid),
    purpose,
    startedAt: new Date().toISOString(),
    url: null,
    pgPort: null,
  };
  const write = async (owner: LockOwner): Promise<void> => {
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(owner)}\n`, { mode: 0o644 });
    await rename(temp, path);
  };

  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      const handle = await open(path, 'wx', 0o644);
      try {
        await handle.writeFile(`${JSON.stringify(me)}\n`);
      } finally {
        await handle.close();
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const text = await readFile(path, 'utf8').catch(() => null);
      if (text === null) continue; // removed meanwhile: try again
      const owner = parseOwner(text);
      if (owner && owner.pid !== process.pid && ownerAlive(owner)) {
        throw new DataDirLockedError(
          `the data folder ${dataDir} is in use by ${describe(owner)}; stop it first or set GONGKAI_DATA_DIR to another folder`,
        );
      }
      // Stale (owner gone, or unreadable): take it over, unless someone else just did.
      const again = await readFile(path, 'utf8').catch(() => null);
      if (again !== text) continue;
      await unlink(path).catch(() => undefined);
      continue;
    }
    // Two processes clearing the same stale lock at once: the later writer wins the file.
    const check = parseOwner(await readFile(path, 'utf8').catch(() => ''));
    if (check?.pid !== process.pid) {
      if (check && ownerAlive(check))
        throw new DataDirLockedError(
          `the data folder ${dataDir} is in use by ${describe(check)}; stop it first or set GONGKAI_DATA_DIR to another folder`,
        );
      continue;
    }
    let released = false;
    return {
      path,
      async announce(url: string) {
        me.url = url;
        if (!released) await write(me);
      },
      async databaseStarted(pgPort: number) {
        me.pgPort = pgPort;
        if (!released) await write(me);
      },
      async release() {
        if (released) return;
        released = true;
        const current = parseOwner(await readFile(path, 'utf8').catch(() => ''));
        if (current?.pid === process.pid) await unlink(path).catch(() => undefined);
      },
    };
  }
  throw new DataDirLockedError(
    `could not take the lock ${path}: another process keeps changing it; retry`,
  );
}
