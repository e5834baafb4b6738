import { passwordProblem } from '@gongkai/account-policy';
import { oneTimePassword } from './one-time-password';

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
