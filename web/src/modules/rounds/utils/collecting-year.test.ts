import { describe, expect, it } from 'vitest';
import { collectingYear } from './collecting-year';

describe('collectingYear', () => {
  it.each([
    ['2026-12-06', 2026],
    ['2027-01-15', 2026],
    ['2027-03-31', 2026],
    ['2027-04-01', 2027],
    ['2026-06-30', 2026],
  ])('on %s collects %i', (day, year) => {
    expect(collectingYear(day)).toBe(year);
  });
});
