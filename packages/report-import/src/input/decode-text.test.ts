import { decodeText, firstInvalidUtf8 } from './decode-text';

describe(decodeText.name, () => {
  const sut = decodeText;

  it('returns UTF-8 text without the BOM when the file starts with one', () => {
    expect(sut(new Uint8Array([0xef, 0xbb, 0xbf, 0xe4, 0xb8, 0xad]), 'a.txt')).toMatchObject({
      text: '中',
      encoding: 'utf-8',
    });
  });

  it('returns GB18030 text with a warning naming the offset when the bytes are not UTF-8', () => {
    const result = sut(new Uint8Array([0x41, 0xd6, 0xd0, 0xce, 0xc4]), 'a.txt');
    expect(result).toMatchObject({ text: 'A中文', encoding: 'gb18030' });
    expect(result.warnings[0]).toContain('offset 1');
  });
});

describe(firstInvalidUtf8.name, () => {
  it('returns the offset of an overlong or cut sequence', () => {
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xe4, 0xb8]))).toBe(1);
    expect(firstInvalidUtf8(new TextEncoder().encode('好'))).toBe(-1);
  });
});
