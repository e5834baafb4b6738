import { describe, expect, it } from 'vitest';
import { shanghaiMinute } from './shanghai-minute';

describe('shanghaiMinute', () => {
  it.each([
    ['2026-01-26T06:33:59Z', '2026-01-26 14:33'],
    ['2026-01-26T16:05:00Z', '2026-01-27 00:05'],
    ['2025-12-31T15:59:00.000Z', '2025-12-31 23:59'],
    ['2025-12-31T16:00:00.000Z', '2026-01-01 00:00'],
  ])('formats %s as Beijing time %s', (iso, expected) => {
    expect(shanghaiMinute(iso)).toBe(expected);
  });

  it('shows a dash for a value that is not a time', () => {
    expect(shanghaiMinute('not a time')).toBe('—');
  });
});
