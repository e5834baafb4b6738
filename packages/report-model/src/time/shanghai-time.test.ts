import { isOnTime } from '../rules/timeliness.rules';
import {
  DAY_MS,
  formatShanghaiMinute,
  isIsoDay,
  shanghaiDay,
  shanghaiDayStart,
  shanghaiDaysBetween,
  shanghaiEndOfDay,
  shanghaiWallClock,
  toShanghaiIso,
} from './shanghai-time';

describe('Asia/Shanghai deadlines', () => {
  it.each([
    ['2024-01-31T23:59:59.999+08:00', true],
    ['2024-01-31T15:59:59.999Z', true],
    ['2024-02-01T00:00:00.000+08:00', false],
    ['2024-01-31T16:00:00.000Z', false],
    ['2024-01-01T00:00:00.000+08:00', true],
  ])('a submission at %s is on time for 2024-01-31: %s', (instant, expected) => {
    expect(isOnTime(new Date(instant), '2024-01-31')).toBe(expected);
    // the same answer through the deadline's end instant
    expect(Date.parse(instant) <= Date.parse(shanghaiEndOfDay('2024-01-31'))).toBe(expected);
  });

  it('names the Shanghai calendar day of an instant', () => {
    expect(shanghaiDay(new Date('2024-01-31T16:00:00Z'))).toBe('2024-02-01');
    expect(shanghaiDay(new Date('2024-01-31T15:59:59Z'))).toBe('2024-01-31');
    expect(shanghaiDay(Date.UTC(2024, 0, 31, 16))).toBe('2024-02-01');
    expect(shanghaiDay('2024-01-31T16:00:00Z')).toBe('2024-02-01');
    expect(shanghaiDay('2024-01-31')).toBe('2024-01-31');
    expect(() => shanghaiDay('not a date')).toThrow(RangeError);
  });

  it('gives the start and the end of a Shanghai day, a day apart less one millisecond', () => {
    expect(shanghaiDayStart('2024-03-01').toISOString()).toBe('2024-02-29T16:00:00.000Z');
    expect(shanghaiEndOfDay('2024-02-29')).toBe('2024-02-29T23:59:59.999+08:00');
    expect(Date.parse(shanghaiEndOfDay('2024-02-29')) + 1).toBe(
      shanghaiDayStart('2024-03-01').getTime(),
    );
    expect(
      shanghaiDayStart('2024-03-01').getTime() - shanghaiDayStart('2024-02-29').getTime(),
    ).toBe(DAY_MS);
    expect(() => shanghaiDayStart('2023-02-29')).toThrow(RangeError);
    expect(() => shanghaiEndOfDay('2024-1-31')).toThrow(RangeError);
  });

  it('counts calendar days, not 24-hour periods, across midnight in Shanghai', () => {
    expect(
      shanghaiDaysBetween(Date.parse('2024-02-01T15:59:59Z'), Date.parse('2024-02-01T16:00:00Z')),
    ).toBe(1);
    expect(
      shanghaiDaysBetween(Date.parse('2024-02-01T16:00:00Z'), Date.parse('2024-02-02T15:59:59Z')),
    ).toBe(0);
  });

  it('accepts only real calendar days', () => {
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2023-02-29')).toBe(false);
    expect(isIsoDay('2024-1-31')).toBe(false);
  });
});

describe(formatShanghaiMinute.name, () => {
  it.each([
    ['2026-01-26T06:33:59Z', '2026-01-26 14:33'],
    ['2026-01-26T16:05:00Z', '2026-01-27 00:05'],
    ['2025-12-31T15:59:00.000Z', '2025-12-31 23:59'],
    ['2025-12-31T16:00:00.000Z', '2026-01-01 00:00'],
  ])('formats %s as Beijing time %s', (iso, expected) => {
    expect(formatShanghaiMinute(iso)).toBe(expected);
    expect(formatShanghaiMinute(new Date(iso))).toBe(expected);
  });

  it('shows a dash for a value that is not a time', () => {
    expect(formatShanghaiMinute('not a time')).toBe('—');
    expect(formatShanghaiMinute(new Date(Number.NaN))).toBe('—');
  });
});

describe(toShanghaiIso.name, () => {
  it('writes an instant in +08:00 and carries the wall clock in the UTC fields for sheets', () => {
    expect(toShanghaiIso(Date.UTC(2024, 0, 31, 16))).toBe('2024-02-01T00:00:00.000+08:00');
    expect(shanghaiWallClock('2024-01-31T16:30:00Z').toISOString()).toBe(
      '2024-02-01T00:30:00.000Z',
    );
  });
});
