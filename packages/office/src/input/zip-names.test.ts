import { crc32 } from 'node:zlib';
import { gbkBytes as gbk } from '@gongkai/report-model/testing';
import { decodeEntryName, DEFAULT_UNZIP_LIMITS, safeUnzip } from './safe-unzip';

/** A zip of stored entries whose names are given as raw bytes, with the given flags. */
function zipOf(
  entries: readonly { name: Uint8Array; data: Uint8Array; flags: number; extra?: Uint8Array }[],
) {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const extra = e.extra ?? new Uint8Array(0);
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.flags, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(e.name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(e.flags, 8);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(e.data.length, 20);
    dir.writeUInt32LE(e.data.length, 24);
    dir.writeUInt16LE(e.name.length, 28);
    dir.writeUInt16LE(extra.length, 30);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, e.name, e.data);
    central.push(dir, e.name, extra);
    offset += 30 + e.name.length + e.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, directory, end]));
}

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('zip entry names', () => {
  it('reads GBK names of a zip made on a Chinese Windows (no UTF-8 flag)', () => {
    const names = ['年报/甲县科学技术局2023年政府信息公开工作年度报告.txt', '财政局（2023）.html'];
    const archive = zipOf(
      names.map((n, i) => ({ name: gbk(n), data: utf8(`file ${i}`), flags: 0 })),
    );
    const files = safeUnzip(archive, () => true, 'reports.zip', DEFAULT_UNZIP_LIMITS);
    expect([...files.keys()]).toEqual(names);
    expect(new TextDecoder().decode(files.get(names[1]!))).toBe('file 1');
  });

  it('keeps UTF-8 names, flagged or not, and prefers the Unicode Path field', () => {
    const name = '乙县水利局.docx';
    expect(decodeEntryName(utf8(name), 0x0800, new Uint8Array(0))).toBe(name);
    expect(decodeEntryName(utf8(name), 0, new Uint8Array(0))).toBe(name);
    expect(decodeEntryName(gbk(name), 0, new Uint8Array(0))).toBe(name);
    // a legacy name with an Info-ZIP Unicode Path field (version 1, CRC, UTF-8 name)
    const unicode = utf8('丙县.txt');
    const field = Buffer.alloc(9 + unicode.length);
    field.writeUInt16LE(0x7075, 0);
    field.writeUInt16LE(5 + unicode.length, 2);
    field[4] = 1;
    Buffer.from(unicode).copy(field, 9);
    expect(decodeEntryName(utf8('????.txt'), 0, new Uint8Array(field))).toBe('丙县.txt');
    // the GBK bytes decoded as UTF-8 would be replacement characters
    expect(new TextDecoder().decode(gbk(name))).not.toBe(name);
  });
});
