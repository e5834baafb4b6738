import { textWidth, wrappedLines } from './text-width';

describe(wrappedLines.name, () => {
  it('counts a Chinese character as two widths and a Latin one as one', () => {
    expect(textWidth('复议纠错')).toBe(8);
    expect(textWidth('A4 纸')).toBe(5);
  });

  it('counts fullwidth forms and Hangul as two, a character beyond the BMP as one', () => {
    expect(textWidth('（１）한')).toBe(8);
    expect(textWidth('😀中')).toBe(3);
    expect(textWidth('\uD800x')).toBe(2);
  });

  it('wraps by width, each paragraph on its own lines', () => {
    expect(wrappedLines('复议纠错与诉讼败诉', 20)).toBe(1);
    expect(wrappedLines('复议纠错与诉讼败诉', 13)).toBe(2);
    expect(wrappedLines('演示市北岭县人民政府', 20)).toBe(1);
    expect(wrappedLines('一\n二', 30)).toBe(2);
    expect(wrappedLines('', 10)).toBe(1);
    expect(wrappedLines('一二三四五六七八九十', 5)).toBe(4);
    expect(wrappedLines('\n\n', 10)).toBe(3);
  });
});
