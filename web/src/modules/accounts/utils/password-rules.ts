/**
 * The password rules, mirrored from the server's `server/src/modules/auth/password-rules.ts`
 * (the web may not import the server) for live feedback while typing. The server's check is the
 * one that counts; its refusals arrive as `auth.password.<rule>` reasons with the same rule names.
 */
export const PASSWORD_MIN_LENGTH = 10;

export type PasswordRuleId = 'length' | 'notUsername' | 'notCommon' | 'kinds';

export const PASSWORD_RULE_IDS: readonly PasswordRuleId[] = [
  'length',
  'notUsername',
  'notCommon',
  'kinds',
];

/** Kept in step with COMMON_PASSWORDS on the server. */
const COMMON = new Set([
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

/** Which rules a password meets, for a checklist that updates as the user types. */
export function passwordRuleStates(
  password: string,
  username: string,
): Record<PasswordRuleId, boolean> {
  const lower = password.toLowerCase();
  const kinds =
    Number(/\p{L}/u.test(password)) +
    Number(/\p{N}/u.test(password)) +
    Number(/[^\p{L}\p{N}]/u.test(password));
  return {
    length: [...password].length >= PASSWORD_MIN_LENGTH,
    notUsername: password !== '' && lower !== username.trim().toLowerCase(),
    notCommon: password !== '' && !COMMON.has(lower),
    kinds: kinds >= 2,
  };
}
