import { deadlineEnd, isIsoDay, isOnTime, shanghaiDate } from './shanghai-time';

describe('Asia/Shanghai deadlines', () => {
  it.each([
    ['2024-01-31T23:59:59.999+08:00', true],
    ['2024-01-31T15:59:59.999Z', true],
    ['2024-02-01T00:00:00.000+08:00', false],
    ['2024-01-31T16:00:00.000Z', false],
    ['2024-01-01T00:00:00.000+08:00', true],
  ])('a submission at %s is on time for 2024-01-31: %s', (instant, expected) => {
    expect(isOnTime(new Date(instant), '2024-01-31')).toBe(expected);
  });

  it('names the Shanghai calendar day of an instant', () => {
    expect(shanghaiDate(new Date('2024-01-31T16:00:00Z'))).toBe('2024-02-01');
    expect(shanghaiDate(new Date('2024-01-31T15:59:59Z'))).toBe('2024-01-31');
    expect(deadlineEnd('2024-02-29').toISOString()).toBe('2024-02-29T16:00:00.000Z');
  });

  it('accepts only real calendar days', () => {
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2023-02-29')).toBe(false);
    expect(isIsoDay('2024-1-31')).toBe(false);
  });
});
