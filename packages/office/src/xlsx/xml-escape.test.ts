import { escapeXml } from './xml-escape';

describe(escapeXml.name, () => {
  it.each([
    ['plain text', 'plain text'],
    ['某县科学技术局', '某县科学技术局'],
    ['a & b', 'a &amp; b'],
    ['<t>', '&lt;t&gt;'],
    [`"it's"`, '&quot;it&apos;s&quot;'],
    ['line\r\nbreak', 'line&#13;\nbreak'],
    ['tab\tand\nnewline stay', 'tab\tand\nnewline stay'],
    ['\u0000nul\u0008bs\u000Bvt\u000Cff\u001Fus', 'nulbsvtffus'],
    ['\uFFFE\uFFFFend', 'end'],
    ['lone \uD800 high', 'lone  high'],
    ['lone \uDC00 low', 'lone  low'],
    ['pair \uD83D\uDE00 kept', 'pair \uD83D\uDE00 kept'],
    ['_x0041_', '_x005F_x0041_'],
    ['snake_case_x12', 'snake_case_x12'],
  ])('escapes %j as %j', (text, expected) => {
    expect(escapeXml(text)).toBe(expected);
  });

  it('returns text that needs nothing as the same string', () => {
    const text = 'applications.total.total';
    expect(escapeXml(text)).toBe(text);
  });
});
