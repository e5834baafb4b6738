import { randomInt } from 'node:crypto';

/**
 * The rules a chosen password must meet. One source on the server: `createUser` (with a given
 * password), `changeOwnPassword` and `gongkai user add --password-stdin` all call
 * `passwordProblem`. The web mirrors the rule text and the same checks for live feedback
 * (`web/src/modules/accounts/utils/password-rules.ts`); the server's answer is the one that counts.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** Which rule a password breaks (the reason key is `auth.password.<rule>`). */
export type PasswordRule = 'tooShort' | 'tooLong' | 'sameAsUsername' | 'common' | 'tooFewKinds';

/**
 * Passwords people pick first, lower-cased: refused even when long enough. A short list on
 * purpose — it catches the classics and the product's own name; the length and mix rules do the rest.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '1234567890',
  '12345678910',
  '0123456789',
  '1111111111',
  '0000000000',
  '1qaz2wsx3edc',
  'qwertyuiop',
  'qwerty12345',
  'qwerty123456',
  'password12',
  'password123',
  'password1234',
  'p@ssw0rd123',
  'passw0rd123',
  'iloveyou123',
  'abc1234567',
  'abcd123456',
  'a123456789',
  'admin12345',
  'admin123456',
  'administrator',
  'welcome123',
  'changeme123',
  'woaini1314',
  'gongkai123',
  'gongkai2024',
  'gongkai2025',
  'gongkai-demo',
  'zhengwu123',
]);

/** Letters, digits, anything else: how many of the three a password uses. */
export function characterKinds(password: string): number {
  const letters = /\p{L}/u.test(password);
  const digits = /\p{N}/u.test(password);
  const other = /[^\p{L}\p{N}]/u.test(password);
  return Number(letters) + Number(digits) + Number(other);
}

/** The first rule the password breaks, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): PasswordRule | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (length > PASSWORD_MAX_LENGTH) return 'tooLong';
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name !== '' && lower === name) return 'sameAsUsername';
  if (COMMON_PASSWORDS.has(lower)) return 'common';
  if (characterKinds(password) < 2) return 'tooFewKinds';
  return null;
}

/** English text of a rule, for the CLI, logs and API clients (the web has its own catalogue). */
export const PASSWORD_RULE_TEXT: Readonly<Record<PasswordRule, string>> = {
  tooShort: `at least ${PASSWORD_MIN_LENGTH} characters`,
  tooLong: `at most ${PASSWORD_MAX_LENGTH} characters`,
  sameAsUsername: 'must not be the username',
  common: 'too common; choose another',
  tooFewKinds: 'use at least two of letters, digits and other characters',
};

// No 0/O, 1/l/I: one-time passwords are read off paper and typed.
const LETTERS = 'abcdefghjkmnpqrstuvwxyz';
const DIGITS = '23456789';

/**
 * A one-time password: three groups of four from letters and digits (`k7mp-2xq9-vh3t`), with at
 * least one of each so it passes the rules; about 69 bits of entropy.
 */
export function oneTimePassword(): string {
  const alphabet = LETTERS + DIGITS;
  for (;;) {
    const chars = Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]!);
    const candidate = `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
    if (/[a-z]/.test(candidate) && /[0-9]/.test(candidate)) return candidate;
  }
}
