import { officeFailure as failure } from '../test-support/office-failure';
import { zipSync } from 'fflate';
import { DEFAULT_UNZIP_LIMITS, isZip, RATIO_FLOOR, safeUnzip } from './safe-unzip';

describe(safeUnzip.name, () => {
  it('extracts the wanted entries and leaves the others alone', async () => {
    const zip = zipSync({ 'a.xml': new TextEncoder().encode('<a/>'), 'b.xml': new Uint8Array(3) });
    expect(isZip(zip)).toBe(true);
    const sut = safeUnzip(zip, (name) => name === 'a.xml', 'x.zip');
    expect([...sut.keys()]).toEqual(['a.xml']);
    expect(new TextDecoder().decode(sut.get('a.xml'))).toBe('<a/>');
  });

  it('stops a zip bomb at the size limit', async () => {
    const zip = zipSync({ 'big.xml': new Uint8Array(8 * 1024 * 1024) }, { level: 1 });
    const error = await failure(() =>
      safeUnzip(zip, () => true, 'bomb.zip', { ...DEFAULT_UNZIP_LIMITS, maxTotalBytes: 1 << 20 }),
    );
    expect(error.code).toBe('archive-too-large');
    expect(error.location).toEqual({ file: 'bomb.zip', entry: 'big.xml' });
  });

  it('stops a zip bomb whose directory lies about its size while inflating it', async () => {
    const zip = zipSync({ 'big.xml': new Uint8Array(8 * 1024 * 1024) }, { level: 1 });
    const directory = Buffer.from(zip).lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    new DataView(zip.buffer, zip.byteOffset).setUint32(directory + 24, 10, true);
    const error = await failure(() =>
      safeUnzip(zip, () => true, 'liar.zip', { ...DEFAULT_UNZIP_LIMITS, maxEntryBytes: 1 << 20 }),
    );
    expect(error.code).toBe('archive-too-large');
    expect(error.location).toEqual({ file: 'liar.zip', entry: 'big.xml' });
  });

  it('stops an entry that inflates beyond the ratio limit once past the floor', async () => {
    const zeros = zipSync({ 'zeros.xml': new Uint8Array(4 * RATIO_FLOOR) }, { level: 9 });
    const limits = { ...DEFAULT_UNZIP_LIMITS, maxRatio: 100 };
    const error = await failure(() => safeUnzip(zeros, () => true, 'bomb.xlsx', limits));
    expect(error.code).toBe('archive-ratio');
    expect(error.message).toContain('100 times');
    // below the floor the same ratio passes
    const small = zipSync({ 'zeros.xml': new Uint8Array(RATIO_FLOOR / 2) }, { level: 9 });
    expect(safeUnzip(small, () => true, 'ok.xlsx', limits).get('zeros.xml')?.length).toBe(
      RATIO_FLOOR / 2,
    );
  });

  it('refuses an archive listing more entries than allowed', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [`${i}.txt`, new Uint8Array(1)]),
    );
    const error = await failure(() =>
      safeUnzip(zipSync(files), () => true, 'many.zip', { ...DEFAULT_UNZIP_LIMITS, maxEntries: 4 }),
    );
    expect(error.code).toBe('archive-too-large');
  });

  it('refuses bytes that are not a zip archive', async () => {
    expect((await failure(() => safeUnzip(new Uint8Array(40), () => true, 'x.zip'))).code).toBe(
      'corrupt-archive',
    );
  });
});
