import {
  PASSWORD_CHECKLIST,
  PASSWORD_MIN_LENGTH,
  passwordChecklist,
} from '@gongkai/account-policy';
import { useI18n } from '../../../app/i18n';

/** The rules as a checklist that follows what is typed. */
export function PasswordRules({ password, username }: { password: string; username: string }) {
  const { t } = useI18n();
  const states = passwordChecklist(password, username);
  return (
    <ul className="password-rules" aria-label={t('password.rulesTitle')} aria-live="polite">
      {PASSWORD_CHECKLIST.map((id) => (
        <li key={id} className={states[id] ? 'rule-met' : 'rule-open'} data-rule={id}>
          <span aria-hidden="true">{states[id] ? '✓' : '•'}</span>{' '}
          {t(`password.rule.${id}`, { min: PASSWORD_MIN_LENGTH })}
          <span className="visually-hidden">
            {states[id] ? t('password.ruleMet') : t('password.ruleOpen')}
          </span>
        </li>
      ))}
    </ul>
  );
}
