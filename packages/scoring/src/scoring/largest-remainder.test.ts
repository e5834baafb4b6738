import fc from 'fast-check';
import { largestRemainder as sut, toCents } from './largest-remainder';

describe(sut.name, () => {
  it('returns floors plus one unit for the largest remainders', () => {
    expect(sut([33.3333, 33.3333, 33.3334], 100)).toEqual([33, 33, 34]);
    expect(sut([1.5, 1.5, 1], 4)).toEqual([2, 1, 1]);
  });

  it('returns values that add up to the total for any amounts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 10_000, noNaN: true }), { minLength: 1, maxLength: 12 }),
        (amounts) => {
          const total = toCents(amounts.reduce((sum, a) => sum + a, 0) / 100);
          const result = sut(amounts, total);
          expect(result.reduce((sum, v) => sum + v, 0)).toBe(total);
          result.forEach((value, i) =>
            expect(Math.abs(value - (amounts[i] as number))).toBeLessThan(1 + 1e-6),
          );
        },
      ),
    );
  });
});

describe(toCents.name, () => {
  it('returns half-up cents despite binary floating noise', () => {
    expect(toCents(1.005)).toBe(101);
    expect(toCents(71.42857142857143)).toBe(7143);
  });
});
