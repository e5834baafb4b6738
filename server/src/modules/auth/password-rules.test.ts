import { characterKinds, oneTimePassword, passwordProblem } from './password-rules';

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

describe(oneTimePassword.name, () => {
  it('makes distinct passwords that pass the rules', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i += 1) {
      const p = oneTimePassword();
      expect(p).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      expect(passwordProblem(p, 'someone')).toBeNull();
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });
});
