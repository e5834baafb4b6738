import { describe, expect, it } from 'vitest';
import { publishedYear } from './published-year';

describe('publishedYear', () => {
  it.each([
    ['2026-12-06', 2025],
    ['2027-01-31', 2025],
    ['2027-02-01', 2026],
    ['2026-06-30', 2025],
  ])('on %s the latest published reports are of %i', (day, year) => {
    expect(publishedYear(day)).toBe(year);
  });
});
