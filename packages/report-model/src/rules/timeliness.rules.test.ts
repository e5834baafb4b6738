import { evaluateDeadline, isOnTime, statutoryDeadline } from './timeliness.rules';

describe(evaluateDeadline.name, () => {
  it.each([
    [{ publishedOn: '2024-02-01', deadline: '2024-01-31' }, 1, ['publishedOn']],
    [{ submittedAt: '2024-02-03T09:00:00+08:00', deadline: '2024-01-31' }, 3, ['submittedAt']],
    // 16:00 UTC on the deadline day is already the next day in Shanghai.
    [{ submittedAt: '2024-01-31T16:00:00.000Z', deadline: '2024-01-31' }, 1, ['submittedAt']],
    [
      { publishedOn: '2024-02-01', submittedAt: '2024-02-05', deadline: '2024-01-31' },
      1,
      ['publishedOn', 'submittedAt'],
    ],
  ])('returns a warning when %j is late', (input, days, cells) => {
    const sut = evaluateDeadline(input);
    expect(sut).toMatchObject({
      rule: 'timeliness.deadline',
      severity: 'warning',
      actual: days,
      cells,
    });
    expect(sut?.message).toContain('逾期');
  });

  it.each([
    [{ publishedOn: '2024-01-31', deadline: '2024-01-31' }],
    [{ submittedAt: '2024-01-20', deadline: '2024-01-31' }],
    [{ submittedAt: '2024-01-31T15:59:59.999Z', deadline: '2024-01-31' }],
    [{ publishedOn: null, submittedAt: null, deadline: '2024-01-31' }],
  ])('returns null when %j is on time or unknown', (input) => {
    expect(evaluateDeadline(input)).toBeNull();
  });
});

describe(isOnTime.name, () => {
  it.each([
    ['2024-01-31T23:59:59.999+08:00', true],
    ['2024-02-01T00:00:00.000+08:00', false],
    ['2024-01-31T15:59:59.999Z', true],
    ['2024-01-31T16:00:00.000Z', false],
    ['2024-01-31', true],
    ['2024-02-01', false],
  ])('reads %s against the 2024-01-31 deadline as on time: %s', (at, expected) => {
    expect(isOnTime(at, '2024-01-31')).toBe(expected);
    expect(isOnTime(new Date(at.length === 10 ? `${at}T12:00:00+08:00` : at), '2024-01-31')).toBe(
      expected,
    );
  });
});

describe(statutoryDeadline.name, () => {
  it.each([
    [2023, 'department', '2024-01-31'],
    [2023, 'government', '2024-03-31'],
    [2016, 'department', '2017-03-31'],
  ] as const)('returns the deadline of a %i report of a %s as %s', (year, level, expected) => {
    expect(statutoryDeadline(year, level)).toBe(expected);
  });
});
