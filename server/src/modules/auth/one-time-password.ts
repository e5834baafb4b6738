import { randomInt } from 'node:crypto';

// No 0/O, 1/l/I: one-time passwords are read off paper and typed.
const LETTERS = 'abcdefghjkmnpqrstuvwxyz';
const DIGITS = '23456789';

/**
 * A one-time password: three groups of four from letters and digits (`k7mp-2xq9-vh3t`), with at
 * least one of each so it passes the rules of `@gongkai/account-policy`; about 69 bits of entropy.
 */
export function oneTimePassword(): string {
  const alphabet = LETTERS + DIGITS;
  for (;;) {
    const chars = Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]!);
    const candidate = `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
    if (/[a-z]/.test(candidate) && /[0-9]/.test(candidate)) return candidate;
  }
}
