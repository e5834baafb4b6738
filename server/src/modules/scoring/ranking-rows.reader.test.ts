import { numbersOf } from './ranking-rows.reader';

describe('numbersOf: a PostgreSQL array text as numbers', () => {
  it('reads integers, decimals, exponents, infinities and NULL elements as the driver would', () => {
    expect(numbersOf('{0,1,2}')).toEqual([0, 1, 2]);
    expect(numbersOf('{1.5,NULL,-0.25,1e-07,Infinity,-Infinity}')).toEqual([
      1.5,
      null,
      -0.25,
      1e-7,
      Infinity,
      -Infinity,
    ]);
    expect(numbersOf('{NULL}')).toEqual([null]);
    expect(numbersOf('{0.30000000000000004}')[0]).toBe(0.1 + 0.2);
  });

  it('reads an empty array and a missing one as no numbers', () => {
    expect(numbersOf('{}')).toEqual([]);
    expect(numbersOf(null)).toEqual([]);
  });
});
