/**
 * The rules a chosen password must meet: one source for the server (`createUser` with a given
 * password, `changeOwnPassword`, `gongkai user add --password-stdin` all call `passwordProblem`)
 * and for the web's checklist that follows what is typed (`passwordChecklist`). The server's
 * answer is the one that counts; its refusals carry the reason key `auth.password.<rule>`.
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

/** The lines of the checklist shown while a password is typed (labels `password.rule.<id>`). */
export type PasswordChecklistItem = 'length' | 'notUsername' | 'notCommon' | 'kinds';

export const PASSWORD_CHECKLIST: readonly PasswordChecklistItem[] = [
  'length',
  'notUsername',
  'notCommon',
  'kinds',
];

/**
 * Which checklist lines a password meets, for feedback that updates as the user types. An empty
 * password meets none of them; the upper length bound is left to the server's answer.
 */
export function passwordChecklist(
  password: string,
  username: string,
): Record<PasswordChecklistItem, boolean> {
  const lower = password.toLowerCase();
  return {
    length: [...password].length >= PASSWORD_MIN_LENGTH,
    notUsername: password !== '' && lower !== username.trim().toLowerCase(),
    notCommon: password !== '' && !COMMON_PASSWORDS.has(lower),
    kinds: characterKinds(password) >= 2,
  };
}
