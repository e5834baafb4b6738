import type { Writable } from 'node:stream';
import { type DeflateOptions, Zip, ZipDeflate } from 'fflate';

/** The output went away (client disconnected) before the archive was complete. */
export class OutputClosedError extends Error {
  constructor() {
    super('the output was closed before the archive was complete');
    this.name = 'OutputClosedError';
  }
}

export type ZipOptions = {
  /** Deflate level, 0–9. */
  readonly level: number;
  /** Modification time of every entry (DOS time, its fields taken from UTC). */
  readonly date: Date;
};

/** Uncompressed bytes handed to deflate at a time. */
const CHUNK = 64 * 1024;
/**
 * Bytes the output may hold before the producer waits. Waiting at the stream's own mark (16 KiB)
 * would stop the producer after every chunk, since fflate deflates on this thread.
 */
const OUTPUT_ROOM = 256 * 1024;

/**
 * fflate writes the DOS time from the local fields of `mtime`: a local date whose fields are the
 * UTC ones makes the stamp the same whatever the process's time zone. DOS years run 1980–2099 in
 * fflate.
 */
function stampOf(date: Date): Date {
  const year = Math.max(1980, Math.min(2099, date.getUTCFullYear()));
  return new Date(
    year,
    date.getUTCMonth(),
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  );
}

/**
 * A zip archive written front to back onto a stream, one entry after the other, on fflate's
 * streaming `Zip`: each entry's data is deflated as it is produced (`ZipDeflate`), its sizes and
 * CRC follow in a data descriptor, and the central directory closes the archive. Nothing but the
 * current chunk, deflate's 32 KiB window and the directory is held in memory; when `out.write()`
 * returns false the producer waits for 'drain'. Archives beyond 4 GiB (ZIP64) are not supported
 * by fflate.
 */
export class ZipWriter {
  private readonly zip: Zip;
  private readonly mtime: Date;
  private current: ZipEntryWriter | null = null;
  private failure: Error | null = null;

  constructor(
    private readonly out: Writable,
    private readonly options: ZipOptions,
  ) {
    this.mtime = stampOf(options.date);
    this.zip = new Zip((error, chunk) => {
      if (error) {
        this.failure ??= error;
        return;
      }
      if (this.failure) return;
      if (this.out.destroyed) {
        this.failure = new OutputClosedError();
        return;
      }
      this.out.write(chunk);
    });
  }

  /** Adds an entry whose content is at hand. */
  async add(name: string, content: string | Buffer): Promise<void> {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const file = this.begin(name);
    file.push(data, true);
    this.check();
    await this.drained();
  }

  /** Opens an entry written piece by piece; close it before the next one. */
  open(name: string): ZipEntryWriter {
    const writer = new ZipEntryWriter(this, this.begin(name));
    this.current = writer;
    return writer;
  }

  /** Writes the central directory and ends the output once it has taken everything. */
  async finish(): Promise<void> {
    if (this.current) throw new Error('zip: an entry is still open');
    this.check();
    this.zip.end();
    this.check();
    await new Promise<void>((resolve, reject) => {
      const done = (): void => {
        this.out.off('close', done);
        this.out.off('error', reject);
        if (this.out.writableFinished) resolve();
        else reject(new OutputClosedError());
      };
      this.out.once('close', done);
      this.out.once('error', reject);
      this.out.end(done);
    });
  }

  /** Gives up: the open entry and every later write fail with `error`. The output is left to the caller. */
  abort(error: Error = new Error('zip: aborted')): void {
    this.failure ??= error;
    this.current = null;
    this.zip.terminate();
  }

  /** @internal Throws the failure that stopped the archive, if any. */
  check(): void {
    if (this.failure) throw this.failure;
    if (this.out.destroyed) throw (this.failure = new OutputClosedError());
  }

  /** @internal True when the output is full (or gone): the producer should wait on `drained()`. */
  mustWait(): boolean {
    return this.failure !== null || this.out.destroyed || this.out.writableLength > OUTPUT_ROOM;
  }

  /** @internal Resolves once the output has room again (at once if it has). */
  drained(): Promise<void> {
    const out = this.out;
    if (this.failure) return Promise.reject(this.failure);
    if (out.destroyed) return Promise.reject(new OutputClosedError());
    if (!out.writableNeedDrain || out.writableLength <= OUTPUT_ROOM) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const done = (): void => {
        out.off('drain', done);
        out.off('close', done);
        if (out.destroyed) reject(new OutputClosedError());
        else resolve();
      };
      out.on('drain', done);
      out.on('close', done);
    });
  }

  /** @internal The entry is complete. */
  ended(entry: ZipEntryWriter): void {
    if (this.current === entry) this.current = null;
  }

  private begin(name: string): ZipDeflate {
    if (this.current) throw new Error('zip: an entry is still open');
    this.check();
    const file = new ZipDeflate(name, { level: this.options.level as DeflateOptions['level'] });
    file.mtime = this.mtime;
    this.zip.add(file);
    return file;
  }
}

/**
 * One entry being written: text is encoded as UTF-8 into a buffer of 64 KiB, which goes, once
 * full, to the entry's deflate (fflate copies it into its window, so the buffer is reused).
 * `write()` returns a promise only when the producer has to wait for the output.
 */
export class ZipEntryWriter {
  private buffer = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  private closed = false;

  constructor(
    private readonly zip: ZipWriter,
    private readonly file: ZipDeflate,
  ) {}

  /** Appends text; returns a promise when the caller should wait before writing more. */
  write(text: string): Promise<void> | undefined {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (this.used + 3 * text.length > this.buffer.length) {
      const wait = this.flush(false);
      if (3 * text.length > this.buffer.length) this.buffer = Buffer.allocUnsafe(3 * text.length);
      this.used = this.buffer.write(text, 0, 'utf8');
      return wait;
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
    return undefined;
  }

  /** Deflates the rest and writes the data descriptor. */
  async close(): Promise<void> {
    if (this.closed) throw new Error('zip: the entry is already closed');
    await this.flush(true);
    this.closed = true;
    this.zip.ended(this);
    await this.zip.drained();
  }

  private flush(final: boolean): Promise<void> | undefined {
    try {
      this.zip.check();
      if (this.used === 0 && !final) return undefined;
      this.file.push(this.buffer.subarray(0, this.used), final);
      this.used = 0;
      this.zip.check();
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return this.zip.mustWait() ? this.zip.drained() : undefined;
  }
}
