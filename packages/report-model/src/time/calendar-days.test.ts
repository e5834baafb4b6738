import {
  addCalendarDays,
  calendarDayNumber,
  calendarDaysBetween,
  SHANGHAI_TIME_ZONE,
  shanghaiDay,
  shanghaiInstant,
  shanghaiYear,
  toShanghaiIso,
} from './shanghai-time';

describe(calendarDayNumber.name, () => {
  it('counts days since 1970-01-01 and refuses what is not a date', () => {
    expect(calendarDayNumber('1970-01-01')).toBe(0);
    expect(calendarDayNumber('1970-01-02')).toBe(1);
    expect(calendarDayNumber('1969-12-31')).toBe(-1);
    expect(calendarDayNumber('2024-03-01') - calendarDayNumber('2024-02-28')).toBe(2);
    expect(() => calendarDayNumber('2023-02-29')).toThrow(RangeError);
    expect(() => calendarDayNumber('2024-01-31T00:00:00Z')).toThrow(RangeError);
  });
});

describe(addCalendarDays.name, () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2026-12-01', 0, '2026-12-01'],
    ['2026-12-01', 365, '2027-12-01'],
  ])('%s plus %i days is %s', (day, days, expected) => {
    expect(addCalendarDays(day, days)).toBe(expected);
    expect(calendarDaysBetween(day, expected)).toBe(days);
  });
});

describe(calendarDaysBetween.name, () => {
  it('is negative when the second day is earlier and counts leap days', () => {
    expect(calendarDaysBetween('2027-01-19', '2027-01-26')).toBe(7);
    expect(calendarDaysBetween('2027-01-27', '2027-01-26')).toBe(-1);
    expect(calendarDaysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(calendarDaysBetween('2027-02-28', '2027-03-01')).toBe(1);
  });
});

describe(shanghaiInstant.name, () => {
  it('is the instant of a Beijing wall-clock time, eight hours ahead of UTC', () => {
    expect(shanghaiInstant('2026-12-01').toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(shanghaiInstant('2026-12-01', 10).toISOString()).toBe('2026-12-01T02:00:00.000Z');
    expect(shanghaiInstant('2026-12-01', 23, 59).toISOString()).toBe('2026-12-01T15:59:00.000Z');
    expect(toShanghaiIso(shanghaiInstant('2024-02-29', 9, 5).getTime())).toBe(
      '2024-02-29T09:05:00.000+08:00',
    );
    expect(shanghaiDay(shanghaiInstant('2024-02-29', 23, 59))).toBe('2024-02-29');
  });

  it('refuses a time of day that does not exist', () => {
    expect(() => shanghaiInstant('2024-02-29', 24)).toThrow(RangeError);
    expect(() => shanghaiInstant('2024-02-29', 9, 60)).toThrow(RangeError);
    expect(() => shanghaiInstant('2024-02-29', -1)).toThrow(RangeError);
    expect(() => shanghaiInstant('2024-02-29', 1.5)).toThrow(RangeError);
    expect(() => shanghaiInstant('2024-02-30', 9)).toThrow(RangeError);
  });

  it('names the zone as Intl knows it, at UTC+08:00', () => {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: SHANGHAI_TIME_ZONE,
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(new Date('2026-07-01T00:00:00Z'));
    expect(parts).toBe('08');
  });
});

describe(shanghaiYear.name, () => {
  it('turns the year at midnight in Beijing, not in UTC or the local zone', () => {
    expect(shanghaiYear('2024-12-31T15:59:59.999Z')).toBe(2024);
    expect(shanghaiYear('2024-12-31T16:00:00.000Z')).toBe(2025);
    expect(shanghaiYear(new Date('2025-06-01T00:00:00Z'))).toBe(2025);
    expect(shanghaiYear(Date.UTC(2025, 11, 31, 16))).toBe(2026);
    expect(shanghaiYear('2023-01-01')).toBe(2023);
  });
});
