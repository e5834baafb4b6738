import type { TransformOptions, Writable } from 'node:stream';
import { crc32, createDeflateRaw, type DeflateRaw, type ZlibOptions } from 'node:zlib';
import { type AsyncFlateStreamHandler, type FlateError, Zip, type ZipInputFile } from 'fflate';

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
 * Uncompressed bytes an entry's deflate may hold queued before the producer waits: a few chunks,
 * so the thread pool compresses one while this thread builds the next.
 */
const DEFLATE_ROOM = 4 * CHUNK;
/** Bytes the output may hold before deflate's output is paused (the stream's own mark is 16 KiB). */
const OUTPUT_ROOM = 256 * 1024;
const NOTHING = new Uint8Array(0);
/** Chunk buffers kept for reuse once deflate has read them: what it may hold, and one more. */
const SPARE_CHUNKS = DEFLATE_ROOM / CHUNK + 2;

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

/** Bits 1–2 of the general purpose flag: the deflate option used (as fflate's `ZipDeflate` sets them). */
function deflateFlag(level: number): number {
  if (level === 1) return 3;
  if (level < 6) return 2;
  if (level === 9) return 1;
  return 0;
}

/**
 * One entry as fflate's `Zip` takes it (a `ZipInputFile`), compressed by `node:zlib`'s streaming
 * raw deflate, which runs on the libuv thread pool beside this thread. Like fflate's own
 * `ZipDeflate`, it counts the size and CRC of the uncompressed bytes as they are pushed and
 * reports them with the last compressed chunk: `Zip` writes them into the data descriptor and the
 * central directory. Deflate's output pauses while the archive's output is full, so its input
 * fills, and `push()` then returns a promise to wait on.
 */
class ZlibEntry implements ZipInputFile {
  readonly compression = 8;
  readonly flag: number;
  crc = 0;
  size = 0;
  mtime: Date;
  /** Set by `Zip.add`. */
  ondata?: AsyncFlateStreamHandler;
  /** Resolves once the last compressed byte has gone to the archive; rejects if deflate fails. */
  readonly done: Promise<void>;
  private readonly deflate: DeflateRaw;
  private sum = 0;
  private failed: Error | null = null;

  constructor(
    readonly filename: string,
    level: number,
    mtime: Date,
    private readonly writer: ZipWriter,
  ) {
    this.flag = deflateFlag(level);
    this.mtime = mtime;
    // node:zlib hands its options on to the Transform stream it is (not in its typings)
    const options: ZlibOptions & TransformOptions = {
      level,
      chunkSize: CHUNK,
      highWaterMark: DEFLATE_ROOM,
    };
    this.deflate = createDeflateRaw(options);
    this.done = new Promise<void>((resolve, reject) => {
      this.deflate.on('data', (chunk: Buffer) => {
        this.ondata?.(null, chunk as Uint8Array<ArrayBuffer>, false);
        if (this.writer.outputFull()) {
          this.deflate.pause();
          this.writer.whenRoom(() => this.deflate.resume());
        }
      });
      this.deflate.once('end', () => {
        this.crc = this.sum;
        this.ondata?.(null, NOTHING, true);
        resolve();
      });
      this.deflate.once('error', (error) => {
        this.failed ??= error;
        this.ondata?.(error as FlateError, null as unknown as Uint8Array<ArrayBuffer>, true);
        reject(error);
      });
      this.deflate.once('close', () => {
        if (!this.deflate.readableEnded) reject(this.failed ?? new Error('zip: entry aborted'));
      });
    });
    // a failure is reported through whoever waits next, or the archive's own failure
    this.done.catch(() => undefined);
  }

  /**
   * Hands uncompressed bytes to deflate, which keeps `data` until it has compressed it: the caller
   * must not touch it before `consumed` is called. Returns a promise when deflate holds enough and
   * the caller should wait.
   */
  push(data: Buffer, final: boolean, consumed?: () => void): Promise<void> | undefined {
    if (this.failed) return Promise.reject(this.failed);
    if (data.length > 0) {
      this.sum = crc32(data, this.sum);
      this.size += data.length;
    }
    if (final) {
      this.deflate.end(data.length > 0 ? data : undefined);
      return this.done;
    }
    if (data.length === 0) return undefined;
    if (this.deflate.write(data, consumed)) return undefined;
    return new Promise<void>((resolve, reject) => {
      const done = (): void => {
        this.deflate.off('drain', done);
        this.deflate.off('close', done);
        if (this.failed || this.deflate.destroyed)
          reject(this.failed ?? new Error('zip: entry aborted'));
        else resolve();
      };
      this.deflate.on('drain', done);
      this.deflate.on('close', done);
    });
  }

  /** Called by `Zip.terminate()`: stops deflate. */
  terminate(): void {
    if (!this.deflate.destroyed) this.deflate.destroy();
  }
}

/**
 * A zip archive written front to back onto a stream, one entry after the other, on fflate's
 * streaming `Zip` (local headers, data descriptors, central directory). Each entry's data is
 * deflated as it is produced by `node:zlib` on the thread pool (`ZlibEntry`), its sizes and CRC
 * follow in a data descriptor, and the central directory closes the archive. Nothing but a few
 * chunks, deflate's window and the directory is held in memory: when the output holds more than
 * 256 KiB deflate's output pauses, and when deflate holds four chunks the producer waits.
 * Archives beyond 4 GiB (ZIP64) are not supported by fflate.
 */
export class ZipWriter {
  private readonly zip: Zip;
  private readonly mtime: Date;
  private current: ZipEntryWriter | null = null;
  private adding = false;
  private failure: Error | null = null;
  private entries: ZlibEntry[] = [];

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
        this.fail(new OutputClosedError());
        return;
      }
      this.out.write(chunk);
    });
  }

  /** Adds an entry whose content is at hand. */
  async add(name: string, content: string | Buffer): Promise<void> {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const file = this.begin(name);
    this.adding = true;
    try {
      await file.push(data, true);
      this.check();
    } finally {
      this.adding = false;
    }
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
    if (this.current || this.adding) throw new Error('zip: an entry is still open');
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
    this.fail(error);
  }

  /** @internal Throws the failure that stopped the archive, if any. */
  check(): void {
    if (this.failure) throw this.failure;
    if (this.out.destroyed) throw this.fail(new OutputClosedError());
  }

  /**
   * @internal True when the output holds more than it should and will say when it has room
   * ('drain' comes only after a write the stream refused): deflate's output should pause.
   */
  outputFull(): boolean {
    return this.out.writableNeedDrain && this.out.writableLength > OUTPUT_ROOM;
  }

  /** @internal Calls `resume` once the output has room again, or has gone (then the archive has failed). */
  whenRoom(resume: () => void): void {
    const out = this.out;
    const done = (): void => {
      out.off('drain', done);
      out.off('close', done);
      if (out.destroyed) this.fail(new OutputClosedError());
      else resume();
    };
    out.on('drain', done);
    out.on('close', done);
  }

  /** @internal Resolves once the output has room again (at once if it has). */
  drained(): Promise<void> {
    const out = this.out;
    if (this.failure) return Promise.reject(this.failure);
    if (out.destroyed) return Promise.reject(this.fail(new OutputClosedError()));
    if (!out.writableNeedDrain || out.writableLength <= OUTPUT_ROOM) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const done = (): void => {
        out.off('drain', done);
        out.off('close', done);
        if (out.destroyed) reject(this.fail(new OutputClosedError()));
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

  /** Records the first failure, stops every entry's deflate, and returns the failure. */
  private fail(error: Error): Error {
    this.failure ??= error;
    this.current = null;
    this.zip.terminate();
    for (const entry of this.entries) entry.terminate();
    this.entries = [];
    return this.failure;
  }

  private begin(name: string): ZlibEntry {
    if (this.current || this.adding) throw new Error('zip: an entry is still open');
    this.check();
    const file = new ZlibEntry(name, this.options.level, this.mtime, this);
    this.entries = [file];
    this.zip.add(file);
    return file;
  }
}

/**
 * One entry being written: text is encoded as UTF-8 into a buffer of 64 KiB, which goes, once
 * full, to the entry's deflate. Deflate keeps it until compressed, so the next text goes to a
 * spare buffer, one deflate has finished with (a fresh 64 KiB per chunk would be memory outside
 * V8's heap that only a garbage collection returns). `write()` returns a promise only when the
 * producer has to wait for deflate or the output.
 */
export class ZipEntryWriter {
  private readonly spare: Buffer<ArrayBuffer>[] = [];
  private buffer = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  private closed = false;

  constructor(
    private readonly zip: ZipWriter,
    private readonly file: ZlibEntry,
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
    this.zip.check();
    await this.zip.drained();
  }

  private flush(final: boolean): Promise<void> | undefined {
    try {
      this.zip.check();
      if (this.used === 0 && !final) return undefined;
      const chunk = this.buffer;
      const data = chunk.subarray(0, this.used);
      this.buffer = final ? chunk : (this.spare.pop() ?? Buffer.allocUnsafe(CHUNK));
      this.used = 0;
      const wait = this.file.push(data, final, () => {
        if (chunk.length === CHUNK && this.spare.length < SPARE_CHUNKS) this.spare.push(chunk);
      });
      // when the archive failed (aborted, output gone) that failure is the one to report
      return wait?.catch((error: unknown) => {
        this.zip.check();
        throw error;
      });
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
}
