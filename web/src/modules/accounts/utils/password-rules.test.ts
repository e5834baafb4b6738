import { describe, expect, it } from 'vitest';
import { passwordRuleStates } from './password-rules';

describe('passwordRuleStates', () => {
  it('marks every rule unmet for an empty password', () => {
    expect(passwordRuleStates('', 'alice')).toEqual({
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
    expect(passwordRuleStates(password, 'alice-admin')).toEqual(expected);
  });
});
