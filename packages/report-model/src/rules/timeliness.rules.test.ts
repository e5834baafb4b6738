import { evaluateDeadline, statutoryDeadline } from './timeliness.rules';

describe(evaluateDeadline.name, () => {
  it.each([
    [{ publishedOn: '2024-02-01', deadline: '2024-01-31' }, 1, ['publishedOn']],
    [{ submittedAt: '2024-02-03T09:00:00+08:00', deadline: '2024-01-31' }, 3, ['submittedAt']],
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
    [{ publishedOn: null, submittedAt: null, deadline: '2024-01-31' }],
  ])('returns null when %j is on time or unknown', (input) => {
    expect(evaluateDeadline(input)).toBeNull();
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
