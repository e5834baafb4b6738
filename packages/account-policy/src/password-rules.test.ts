import { characterKinds, passwordChecklist, passwordProblem } from './password-rules';

describe(passwordProblem.name, () => {
  it.each([
    ['short1!', 'alice', 'tooShort'],
    ['x'.repeat(201), 'alice', 'tooLong'],
    ['Alice-Admin1', 'alice-admin1', 'sameAsUsername'],
    ['Password123', 'alice', 'common'],
    ['abcdefghijkl', 'alice', 'tooFewKinds'],
    ['12345678901234', 'alice', 'tooFewKinds'],
    ['公开政务信息年度报告', 'alice', 'tooFewKinds'],
  ])('refuses %p for %p (%s)', (password, username, rule) => {
    expect(passwordProblem(password, username)).toBe(rule);
  });

  it.each([
    ['correct-horse-battery', 'alice'],
    ['river2024stone', 'alice'],
    ['公开政务2025年报', 'alice'],
  ])('accepts %p', (password, username) => {
    expect(passwordProblem(password, username)).toBeNull();
  });

  it('counts letters, digits and other characters', () => {
    expect(characterKinds('abc')).toBe(1);
    expect(characterKinds('abc1')).toBe(2);
    expect(characterKinds('abc1-')).toBe(3);
  });
});

describe(passwordChecklist.name, () => {
  it('marks every rule unmet for an empty password', () => {
    expect(passwordChecklist('', 'alice')).toEqual({
      length: false,
      notUsername: false,
      notCommon: false,
      kinds: false,
    });
  });

  it.each([
    ['short1', { length: false, notUsername: true, notCommon: true, kinds: true }],
    ['ALICE-ADMIN', { length: true, notUsername: false, notCommon: true, kinds: true }],
    ['Password123', { length: true, notUsername: true, notCommon: false, kinds: true }],
    ['abcdefghijkl', { length: true, notUsername: true, notCommon: true, kinds: false }],
    ['river-stone-2025', { length: true, notUsername: true, notCommon: true, kinds: true }],
    ['公开政务2025年报', { length: true, notUsername: true, notCommon: true, kinds: true }],
  ])('checks %p', (password, expected) => {
    expect(passwordChecklist(password, 'alice-admin')).toEqual(expected);
  });

  it('agrees with passwordProblem on every password it fully accepts', () => {
    for (const password of [
      'river-stone-2025',
      '公开政务2025年报',
      'Password123',
      'abcdefghijkl',
    ]) {
      const states = passwordChecklist(password, 'alice-admin');
      const allMet = Object.values(states).every(Boolean);
      expect(allMet).toBe(passwordProblem(password, 'alice-admin') === null);
    }
  });
});
