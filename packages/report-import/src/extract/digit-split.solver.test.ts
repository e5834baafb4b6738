import { solveRows, splitDigitRun } from './digit-split.solver';

const APPLICATION_ROW = { groups: [{ cells: 7, total: true }] };

describe(splitDigitRun.name, () => {
  const sut = splitDigitRun;

  it('returns only splits that keep the printed spaces as cell boundaries', () => {
    const three = { groups: [{ cells: 3, total: false }] };
    expect(sut('31417', three).candidates.length).toBeGreaterThan(2);
    expect(sut('3 14 17', three).candidates).toEqual([[3, 14, 17]]);
    expect(sut('31 417', three).candidates).toEqual([
      [3, 1, 417],
      [31, 4, 17],
      [31, 41, 7],
    ]);
    expect(sut('5 2 00007', APPLICATION_ROW).candidates).toEqual([[5, 2, 0, 0, 0, 0, 7]]);
    expect(sut('1 2 3 4', three).candidates).toEqual([]);
  });

  it('returns the single split of a glued applications row when the row total pins it down', () => {
    expect(sut('83001113', APPLICATION_ROW).candidates).toEqual([[8, 3, 0, 0, 1, 1, 13]]);
  });

  it('returns every split when the row total allows several', () => {
    expect(sut('160010118', APPLICATION_ROW).candidates).toEqual(
      expect.arrayContaining([
        [16, 0, 0, 1, 0, 1, 18],
        [1, 6, 0, 0, 10, 1, 18],
      ]),
    );
  });

  it('returns the 15 cells of the 复议/诉讼 row when each group of five has its total', () => {
    const shape = { groups: [0, 1, 2].map(() => ({ cells: 5, total: true })) };
    expect(sut('101240000000000', shape).candidates).toEqual([
      [1, 0, 1, 2, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ]);
  });

  it('returns no split when numbers would need leading zeros', () => {
    expect(sut('0012', { groups: [{ cells: 2, total: false }] }).candidates).toEqual([]);
  });

  it('returns decimals and signed cells only where allowed', () => {
    expect(sut('312.5', { groups: [{ cells: 2, total: false }] }).candidates).toEqual(
      expect.arrayContaining([
        [3, 12.5],
        [31, 2.5],
      ]),
    );
    const signed = { groups: [{ cells: 3, total: false }], signed: [false, true, false] };
    expect(sut('16-26', signed).candidates).toEqual([[16, -2, 6]]);
  });
});

describe(solveRows.name, () => {
  const sut = solveRows;
  const identity = {
    terms: [
      { row: 'total', coef: 1 },
      { row: 'a', coef: -1 },
      { row: 'b', coef: -1 },
    ],
  };

  it('returns the split that satisfies the column identity when a row alone is ambiguous', () => {
    const rows = new Map([
      [
        'a',
        [
          [16, 0, 0, 1, 0, 1, 18],
          [1, 6, 0, 0, 10, 1, 18],
        ],
      ],
      ['b', [[0, 0, 0, 0, 0, 0, 0]]],
      ['total', [[16, 0, 0, 1, 0, 1, 18]]],
    ]);
    const solved = sut(rows, [identity]);
    expect(solved.rows.get('a')).toEqual([16, 0, 0, 1, 0, 1, 18]);
    expect(solved.ambiguous.size).toBe(0);
  });

  it('returns null cells and the candidates when two splits satisfy every identity', () => {
    const rows = new Map([
      [
        'a',
        [
          [16, 0, 0, 1, 0, 1, 18],
          [1, 6, 0, 0, 10, 1, 18],
        ],
      ],
      [
        'b',
        [
          [1, 6, 0, 0, 10, 1, 18],
          [16, 0, 0, 1, 0, 1, 18],
        ],
      ],
      ['total', [[17, 6, 0, 1, 10, 2, 36]]],
    ]);
    const solved = sut(rows, [identity]);
    expect(solved.rows.get('a')).toEqual([null, null, 0, null, null, 1, 18]);
    expect(solved.ambiguous.get('a')).toHaveLength(2);
  });

  it('returns only unambiguous rows when no split satisfies the identities', () => {
    const rows = new Map([
      [
        'a',
        [
          [1, 2],
          [12, 0],
        ],
      ],
      ['b', [[5, 5]]],
      ['total', [[100, 100]]],
    ]);
    const solved = sut(rows, [identity]);
    expect(solved.identitiesDropped).toBe(true);
    expect(solved.rows.get('b')).toEqual([5, 5]);
    expect(solved.rows.get('a')).toEqual([null, null]);
  });
});
