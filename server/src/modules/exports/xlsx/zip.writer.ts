import type { Writable } from 'node:stream';
import {
  crc32,
  createDeflateRaw,
  deflateRawSync,
  type DeflateRaw,
  type ZlibOptions,
} from 'node:zlib';

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
  /** Modification time of every entry (DOS time, local fields taken from UTC). */
  readonly date: Date;
};

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** Bit 3: sizes and CRC follow the data; bit 11: names are UTF-8. */
const FLAGS = 0x0008 | 0x0800;
const DEFLATE = 8;
const VERSION = 20;
const MAX_32 = 0xffffffff;
/** Uncompressed bytes handed to deflate at a time, and deflate's output chunk size. */
const CHUNK = 64 * 1024;
/** Chunk buffers kept for reuse (deflate holds up to four: its highWaterMark). */
const SPARE_CHUNKS = 6;

type Entry = {
  readonly name: Buffer;
  readonly offset: number;
  crc: number;
  compressed: number;
  size: number;
};

function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, Math.min(2107, date.getUTCFullYear()));
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/**
 * A zip archive written front to back onto a stream, one entry after the other: each entry's
 * data is deflated as it is produced, its sizes and CRC follow in a data descriptor, and the
 * central directory closes the archive. Nothing but the current chunk and the directory (a few
 * bytes per entry) is held in memory; `out.write()` returning false pauses the producer until
 * 'drain'. Archives beyond 4 GiB (ZIP64) are refused.
 */
export class ZipWriter {
  private readonly entries: Entry[] = [];
  private readonly stamp: { time: number; date: number };
  private offset = 0;
  private current: ZipEntryWriter | null = null;

  constructor(
    private readonly out: Writable,
    private readonly options: ZipOptions,
  ) {
    this.stamp = dosDateTime(options.date);
  }

  /** Adds an entry whose content is at hand. */
  async add(name: string, content: string | Buffer): Promise<void> {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const entry = this.begin(name);
    const compressed = deflateRawSync(data, { level: this.options.level });
    entry.crc = crc32(data);
    entry.size = data.length;
    entry.compressed = compressed.length;
    this.emit(compressed);
    this.end(entry);
    await this.drained();
  }

  /** Opens an entry written piece by piece; close it before the next one. */
  open(name: string): ZipEntryWriter {
    const entry = this.begin(name);
    const writer = new ZipEntryWriter(this, entry, this.options.level);
    this.current = writer;
    return writer;
  }

  /** Writes the central directory and ends the output once it has taken everything. */
  async finish(): Promise<void> {
    if (this.current) throw new Error('zip: an entry is still open');
    const start = this.offset;
    for (const entry of this.entries) this.emit(this.centralHeader(entry));
    const size = this.offset - start;
    if (this.entries.length > 0xffff || start > MAX_32) throw new Error('zip: ZIP64 needed');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(start, 16);
    this.emit(end);
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

  /** Gives up: frees the open entry's deflate stream. The output is left to the caller. */
  abort(error: Error = new Error('zip: aborted')): void {
    this.current?.abort(error);
    this.current = null;
  }

  /** @internal Writes bytes to the output, counting them. */
  emit(chunk: Buffer): boolean {
    if (this.out.destroyed) throw new OutputClosedError();
    this.offset += chunk.length;
    return this.out.write(chunk);
  }

  /** @internal Resolves once the output has room again (at once if it has). */
  drained(): Promise<void> {
    const out = this.out;
    if (out.destroyed) return Promise.reject(new OutputClosedError());
    if (!out.writableNeedDrain) return Promise.resolve();
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

  /** @internal */
  end(entry: Entry): void {
    if (entry.size > MAX_32 || entry.compressed > MAX_32) throw new Error('zip: ZIP64 needed');
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
    descriptor.writeUInt32LE(entry.crc >>> 0, 4);
    descriptor.writeUInt32LE(entry.compressed, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    this.emit(descriptor);
    this.current = null;
  }

  private begin(name: string): Entry {
    if (this.current) throw new Error('zip: an entry is still open');
    const entry: Entry = {
      name: Buffer.from(name, 'utf8'),
      offset: this.offset,
      crc: 0,
      compressed: 0,
      size: 0,
    };
    if (entry.offset > MAX_32) throw new Error('zip: ZIP64 needed');
    this.entries.push(entry);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(DEFLATE, 8);
    header.writeUInt16LE(this.stamp.time, 10);
    header.writeUInt16LE(this.stamp.date, 12);
    // CRC and sizes (14–25) stay 0: they follow in the data descriptor.
    header.writeUInt16LE(entry.name.length, 26);
    this.emit(header);
    this.emit(entry.name);
    return entry;
  }

  private centralHeader(entry: Entry): Buffer {
    const header = Buffer.alloc(46 + entry.name.length);
    header.writeUInt32LE(CENTRAL_HEADER, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(VERSION, 6);
    header.writeUInt16LE(FLAGS, 8);
    header.writeUInt16LE(DEFLATE, 10);
    header.writeUInt16LE(this.stamp.time, 12);
    header.writeUInt16LE(this.stamp.date, 14);
    header.writeUInt32LE(entry.crc >>> 0, 16);
    header.writeUInt32LE(entry.compressed, 20);
    header.writeUInt32LE(entry.size, 24);
    header.writeUInt16LE(entry.name.length, 28);
    header.writeUInt32LE(entry.offset, 42);
    entry.name.copy(header, 46);
    return header;
  }
}

/**
 * One entry being written: text is encoded as UTF-8 into buffers of 64 KiB, each of which goes,
 * once full, to a deflate stream (it compresses on the thread pool while the next one is
 * filled); its output goes to the archive's stream. `write()` returns a promise only when the
 * producer has to wait.
 */
export class ZipEntryWriter {
  /**
   * Chunk buffers deflate has finished reading, for reuse. A fresh 64 KiB buffer per chunk
   * (~1,600 for a national sheet) is memory outside V8's heap that only a garbage collection
   * returns, and the process's RSS grew by ~100 MB with them.
   */
  private readonly spare: Buffer<ArrayBuffer>[] = [];
  private buffer = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  private readonly deflate: DeflateRaw;
  private readonly ended: Promise<void>;
  private failure: Error | null = null;

  constructor(
    private readonly zip: ZipWriter,
    private readonly entry: Entry,
    level: number,
  ) {
    // zlib passes highWaterMark on to its Transform (not in the option type): room for a chunk
    // being compressed and the next one, so building and compressing overlap.
    this.deflate = createDeflateRaw({
      level,
      chunkSize: CHUNK,
      highWaterMark: 4 * CHUNK,
    } as ZlibOptions);
    this.deflate.on('data', (chunk: Buffer) => {
      entry.compressed += chunk.length;
      let ok: boolean;
      try {
        ok = zip.emit(chunk);
      } catch (error) {
        this.fail(error as Error);
        return;
      }
      if (!ok) {
        this.deflate.pause();
        zip.drained().then(
          () => this.deflate.resume(),
          (error: Error) => this.fail(error),
        );
      }
    });
    this.ended = new Promise<void>((resolve, reject) => {
      this.deflate.once('end', resolve);
      this.deflate.once('error', reject);
      this.deflate.once('close', () => {
        if (this.failure) reject(this.failure);
      });
    });
    // A failure is reported by the next write or by close(); never as an unhandled rejection.
    this.ended.catch(() => undefined);
  }

  /** Appends text; returns a promise when the caller should wait before writing more. */
  write(text: string): Promise<void> | undefined {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (this.used + 3 * text.length > this.buffer.length) {
      const wait = this.flush();
      if (3 * text.length > this.buffer.length) this.buffer = Buffer.allocUnsafe(3 * text.length);
      this.used = this.buffer.write(text, 0, 'utf8');
      return wait;
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
    return undefined;
  }

  /** Flushes the rest, ends the deflate stream and writes the data descriptor. */
  async close(): Promise<void> {
    await this.flush();
    this.deflate.end();
    await this.ended;
    if (this.failure) throw this.failure;
    this.zip.end(this.entry);
    await this.zip.drained();
  }

  private flush(): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    if (this.used === 0) return undefined;
    // deflate keeps the chunk until it has compressed it: the next text goes to a new one
    const chunk = this.buffer;
    const data = chunk.subarray(0, this.used);
    this.buffer = this.spare.pop() ?? Buffer.allocUnsafe(CHUNK);
    this.used = 0;
    this.entry.crc = crc32(data, this.entry.crc);
    this.entry.size += data.length;
    // The callback runs once deflate has consumed the chunk: it can then be filled again.
    const written = this.deflate.write(data, () => {
      if (chunk.length === CHUNK && this.spare.length < SPARE_CHUNKS) this.spare.push(chunk);
    });
    if (written) return undefined;
    return new Promise<void>((resolve, reject) => {
      const done = (): void => {
        this.deflate.off('drain', done);
        this.deflate.off('close', done);
        if (this.failure) reject(this.failure);
        else resolve();
      };
      this.deflate.on('drain', done);
      this.deflate.on('close', done);
    });
  }

  /** @internal */
  abort(error: Error): void {
    this.fail(error);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.deflate.destroy();
  }
}
