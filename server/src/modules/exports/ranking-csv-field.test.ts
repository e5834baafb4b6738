import { csvLine } from '@gongkai/office';
import { rankingCsvField } from './ranking-csv.writer';

/** The ranking CSV's own field writer gives the lines `csvLine` (csv-stringify) gives. */
describe('rankingCsvField', () => {
  const pieces = [
    'a',
    '单位',
    ',',
    '"',
    '\r',
    '\n',
    '\r\n',
    '=',
    '+',
    '-',
    '@',
    '\t',
    ' ',
    "'",
    '1.5',
    '',
  ];

  /** A deterministic pseudo-random generator (no flaky seeds). */
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
  }

  it('writes every field as csvLine does, text guarded and figures left alone', () => {
    const next = random(7);
    let quoted = 0;
    let guarded = 0;
    for (let n = 0; n < 2000; n += 1) {
      const cells = Array.from({ length: 2 + Math.floor(next() * 4) }, () => {
        let text = '';
        for (let k = Math.floor(next() * 5); k > 0; k -= 1)
          text += pieces[Math.floor(next() * pieces.length)];
        return { text, isText: next() < 0.5 };
      });
      const line = cells.map((cell) => rankingCsvField(cell.text, cell.isText)).join(',') + '\r\n';
      expect(line).toBe(
        csvLine(cells.map((cell) => (cell.isText ? cell.text : { figure: cell.text }))),
      );
      if (line.includes('"')) quoted += 1;
      if (cells.some((cell) => cell.isText && /^[=+\-@\t\r]/.test(cell.text))) guarded += 1;
    }
    expect(quoted).toBeGreaterThan(100);
    expect(guarded).toBeGreaterThan(100);
  });

  it('quotes a comma, a quote and line breaks, and guards a formula', () => {
    expect(rankingCsvField('a,b', true)).toBe('"a,b"');
    expect(rankingCsvField('say "hi"', true)).toBe('"say ""hi"""');
    expect(rankingCsvField('a\nb', true)).toBe('"a\nb"');
    expect(rankingCsvField('=1+1', true)).toBe("'=1+1");
    expect(rankingCsvField('+3', false)).toBe('+3');
    expect(rankingCsvField('12.50', false)).toBe('12.50');
  });
});
