import { shanghaiDay } from '@gongkai/report-model';
import {
  daysLate,
  shanghaiDaysBetween,
  shanghaiEndOfDay,
  toEpochMs,
  toShanghaiIso,
} from './instant';

describe(toEpochMs.name, () => {
  it('returns the same instant for the same moment written in different offsets', () => {
    expect(toEpochMs('2024-01-31T23:59:59.999+08:00')).toBe(toEpochMs('2024-01-31T15:59:59.999Z'));
  });

  it('accepts epoch milliseconds and Date objects', () => {
    const ms = Date.UTC(2024, 0, 31);
    expect(toEpochMs(ms)).toBe(ms);
    expect(toEpochMs(new Date(ms))).toBe(ms);
  });

  it.each(['2024-01-31', '2024-01-31T23:59:59', 'not a date', '2024-13-45T00:00:00Z'])(
    'throws a RangeError when given %p',
    (value) => {
      expect(() => toEpochMs(value)).toThrow(RangeError);
    },
  );
});

describe(shanghaiEndOfDay.name, () => {
  it('returns the last millisecond of the date in Asia/Shanghai', () => {
    expect(toEpochMs(shanghaiEndOfDay('2024-01-31'))).toBe(Date.UTC(2024, 0, 31, 15, 59, 59, 999));
  });

  it('throws when the date does not exist', () => {
    expect(() => shanghaiEndOfDay('2023-02-29')).toThrow(RangeError);
  });
});

describe(daysLate.name, () => {
  const deadline = toEpochMs('2024-01-31T23:59:59.999+08:00');

  it.each([
    ['2024-01-31T23:59:59.999+08:00', 0],
    ['2024-01-31T15:59:59.999Z', 0],
    ['2024-02-01T00:00:00+08:00', 1],
    ['2024-01-31T16:00:00Z', 1],
    ['2024-02-01T23:59:59+08:00', 1],
    ['2024-02-02T00:00:00+08:00', 2],
    ['2024-03-01T10:00:00+08:00', 30],
  ])('returns the Shanghai calendar days late when submitted at %s', (at, expected) => {
    expect(daysLate(deadline, toEpochMs(at))).toBe(expected);
  });

  it('returns 1 when a mid-day deadline is missed on the same day', () => {
    const noon = toEpochMs('2024-01-26T12:00:00+08:00');
    expect(daysLate(noon, toEpochMs('2024-01-26T12:00:01+08:00'))).toBe(1);
  });
});

describe(shanghaiDaysBetween.name, () => {
  it('returns calendar-day differences in Shanghai, not 24-hour periods', () => {
    expect(
      shanghaiDaysBetween(
        toEpochMs('2024-02-01T23:00:00+08:00'),
        toEpochMs('2024-02-02T01:00:00+08:00'),
      ),
    ).toBe(1);
  });
});

describe(toShanghaiIso.name, () => {
  it('returns the instant written in +08:00', () => {
    expect(toShanghaiIso(Date.UTC(2024, 0, 31, 16))).toBe('2024-02-01T00:00:00.000+08:00');
    expect(shanghaiDay(Date.UTC(2024, 0, 31, 16))).toBe('2024-02-01');
  });
});
