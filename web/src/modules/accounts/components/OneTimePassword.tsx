import { useI18n } from '../../../app/i18n';

/** A one-time password shown once, with what the reader must do with it. */
export function OneTimePassword({ username, password }: { username: string; password: string }) {
  const { t } = useI18n();
  return (
    <div className="one-time-password" role="status">
      <p>{t('accounts.oneTimeIntro', { username })}</p>
      <p>
        <code data-testid="one-time-password">{password}</code>
      </p>
      <p className="muted small">{t('accounts.oneTimeOnce')}</p>
    </div>
  );
}
