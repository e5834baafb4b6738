export {
  PASSWORD_MIN_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_RULE_TEXT,
  PASSWORD_CHECKLIST,
  COMMON_PASSWORDS,
  characterKinds,
  passwordProblem,
  passwordChecklist,
  type PasswordRule,
  type PasswordChecklistItem,
} from './password-rules';
