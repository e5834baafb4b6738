import { randomBytes } from 'node:crypto';
import { PassThrough, Writable } from 'node:stream';
import { crc32, inflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { OutputClosedError, ZipWriter } from './zip.writer';

type ReadEntry = { name: string; data: Buffer; crc: number; flags: number };

/** Reads an archive through its central directory, as unzip tools do, checking every CRC. */
function readZip(zip: Buffer): ReadEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBe(zip.length - 22);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  expect(at + zip.readUInt32LE(end + 12)).toBe(end);
  const entries: ReadEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const flags = zip.readUInt16LE(at + 8);
    const crc = zip.readUInt32LE(at + 16);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const offset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    expect(zip.readUInt32LE(offset)).toBe(0x04034b50);
    expect(zip.toString('utf8', offset + 30, offset + 30 + nameLength)).toBe(name);
    const start = offset + 30 + nameLength + zip.readUInt16LE(offset + 28);
    const data = inflateRawSync(zip.subarray(start, start + compressed));
    expect(data.length).toBe(size);
    expect(crc32(data) >>> 0).toBe(crc);
    // the data descriptor repeats CRC and sizes
    const descriptor = start + compressed;
    expect(zip.readUInt32LE(descriptor)).toBe(0x08074b50);
    expect(zip.readUInt32LE(descriptor + 4)).toBe(crc);
    expect(zip.readUInt32LE(descriptor + 8)).toBe(compressed);
    expect(zip.readUInt32LE(descriptor + 12)).toBe(size);
    entries.push({ name, data, crc, flags });
    at += 46 + nameLength;
  }
  return entries;
}

function collecting(): { out: PassThrough; bytes: () => Buffer } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { out, bytes: () => Buffer.concat(chunks) };
}

const options = { level: 3, date: new Date('2024-03-02T01:00:00Z') };

describe(ZipWriter.name, () => {
  it('writes entries that read back byte for byte, small and streamed', async () => {
    const { out, bytes } = collecting();
    const sut = new ZipWriter(out, options);
    await sut.add('[Content_Types].xml', '<Types/>');
    const entry = sut.open('xl/worksheets/sheet1.xml');
    const parts: string[] = [];
    for (let i = 0; i < 20_000; i += 1) {
      const part = `<row r="${i}"><c><is><t>第${i}行 ${randomBytes(4).toString('hex')}</t></is></c></row>`;
      parts.push(part);
      const wait = entry.write(part);
      if (wait) await wait;
    }
    await entry.close();
    await sut.add('empty.bin', Buffer.alloc(0));
    await sut.add('说明.txt', '名单');
    await sut.finish();

    const entries = readZip(bytes());
    expect(entries.map((e) => e.name)).toEqual([
      '[Content_Types].xml',
      'xl/worksheets/sheet1.xml',
      'empty.bin',
      '说明.txt',
    ]);
    expect(entries[0]?.data.toString('utf8')).toBe('<Types/>');
    expect(entries[1]?.data.toString('utf8')).toBe(parts.join(''));
    expect(entries[2]?.data.length).toBe(0);
    expect(entries[3]?.data.toString('utf8')).toBe('名单');
    // bit 3: sizes and CRC follow in a data descriptor; bit 11: the name is UTF-8 (set when needed)
    expect(entries.every((e) => (e.flags & 0x0008) === 0x0008)).toBe(true);
    expect(entries.map((e) => (e.flags & 0x0800) !== 0)).toEqual([false, false, false, true]);
    expect(out.writableFinished).toBe(true);
  });

  it('writes a large archive of many entries that another reader inflates byte for byte', async () => {
    const { out, bytes } = collecting();
    const sut = new ZipWriter(out, options);
    const expected = new Map<string, Buffer>();
    for (let sheet = 1; sheet <= 4; sheet += 1) {
      const name = `xl/worksheets/sheet${sheet}.xml`;
      const entry = sut.open(name);
      const parts: string[] = [];
      // a few MiB per entry: many 64 KiB chunks queued to deflate, rows of unequal length
      for (let i = 0; i < 30_000; i += 1) {
        const part =
          i % 97 === 0
            ? randomBytes(200 + (i % 300)).toString('base64')
            : `<row r="${i}"><c t="inlineStr"><is><t>第${sheet}表第${i}行 部门${i % 1000}</t></is></c><c><v>${(i * 7.31) % 1000}</v></c></row>`;
        parts.push(part);
        const wait = entry.write(part);
        if (wait) await wait;
      }
      await entry.close();
      expected.set(name, Buffer.from(parts.join(''), 'utf8'));
      const small = `docProps/part${sheet}.xml`;
      const content = `<part n="${sheet}">${'说明'.repeat(sheet * 50)}</part>`;
      await sut.add(small, content);
      expected.set(small, Buffer.from(content, 'utf8'));
    }
    const binary = randomBytes(3 * 1024 * 1024 + 17);
    await sut.add('media/random.bin', binary);
    expected.set('media/random.bin', binary);
    await sut.finish();

    const zip = bytes();
    // every entry's size and CRC in the central directory and data descriptor match its bytes
    const entries = readZip(zip);
    expect(entries.map((e) => e.name)).toEqual([...expected.keys()]);
    for (const entry of entries) {
      expect(entry.data.equals(expected.get(entry.name) as Buffer)).toBe(true);
      expect(entry.crc).toBe(crc32(expected.get(entry.name) as Buffer) >>> 0);
      // bits 1–2: the deflate option of level 3 ("fast"), as fflate's own ZipDeflate marks it
      expect(entry.flags & 0x0006).toBe(0x0004);
    }
    expect(expected.get('xl/worksheets/sheet1.xml')?.length).toBeGreaterThan(2 * 1024 * 1024);
    // fflate's reader, independent of the one above, reads the same bytes
    const unzipped = unzipSync(zip);
    expect(Object.keys(unzipped)).toEqual([...expected.keys()]);
    for (const [name, data] of expected) {
      expect(Buffer.from(unzipped[name] as Uint8Array).equals(data)).toBe(true);
    }
  });

  it('stamps entries with the given time (DOS date and time)', async () => {
    const { out, bytes } = collecting();
    const sut = new ZipWriter(out, options);
    await sut.add('a.txt', 'a');
    await sut.finish();
    const zip = bytes();
    const time = zip.readUInt16LE(10);
    const date = zip.readUInt16LE(12);
    expect([time >> 11, (time >> 5) & 63, (time & 31) * 2]).toEqual([1, 0, 0]);
    expect([(date >> 9) + 1980, (date >> 5) & 15, date & 31]).toEqual([2024, 3, 2]);
  });

  it('waits for a slow output instead of buffering without bound', async () => {
    let highest = 0;
    const chunks: Buffer[] = [];
    const out = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        setTimeout(callback, 1);
      },
    });
    const sut = new ZipWriter(out, { ...options, level: 0 });
    const entry = sut.open('random.bin');
    let waits = 0;
    for (let i = 0; i < 64; i += 1) {
      // incompressible: what goes in comes out, 4 MiB in all
      const wait = entry.write(randomBytes(48 * 1024).toString('latin1'));
      highest = Math.max(highest, out.writableLength);
      if (wait) {
        waits += 1;
        await wait;
      }
    }
    await entry.close();
    await sut.finish();
    expect(waits).toBeGreaterThan(0);
    expect(highest).toBeLessThan(1024 * 1024);
    expect(readZip(Buffer.concat(chunks))[0]?.data.length).toBeGreaterThan(4 * 1024 * 1024);
  });

  it('completes on a slow output whose own mark lies above the room it is given', async () => {
    const chunks: Buffer[] = [];
    const out = new Writable({
      highWaterMark: 8 * 1024 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        setTimeout(callback, 1);
      },
    });
    const sut = new ZipWriter(out, { ...options, level: 0 });
    const entry = sut.open('random.bin');
    for (let i = 0; i < 32; i += 1) {
      const wait = entry.write(randomBytes(48 * 1024).toString('latin1'));
      if (wait) await wait;
    }
    await entry.close();
    await sut.finish();
    expect(readZip(Buffer.concat(chunks))[0]?.data.length).toBeGreaterThan(2 * 1024 * 1024);
  });

  it('rejects with OutputClosedError once the output is destroyed', async () => {
    const out = new PassThrough();
    out.resume();
    const sut = new ZipWriter(out, options);
    const entry = sut.open('a.xml');
    out.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    await expect(
      (async () => {
        for (let i = 0; i < 1000; i += 1) await entry.write('x'.repeat(1024));
        await entry.close();
      })(),
    ).rejects.toBeInstanceOf(OutputClosedError);
  });
  it('frees an open entry when aborted, and refuses to write to it afterwards', async () => {
    const { out } = collecting();
    const sut = new ZipWriter(out, options);
    const entry = sut.open('a.xml');
    sut.abort(new Error('source failed'));
    await expect(entry.close()).rejects.toThrow('source failed');
  });
});
