import { passwordChecklist } from '@gongkai/account-policy';
import { type FormEvent, useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Button } from '../../../ui/Button';
import { Field } from '../../../ui/Field';
import { useChangeOwnPassword } from '../hooks/useChangeOwnPassword';
import { PasswordRules } from './PasswordRules';

/** Current password, the new one twice, the rules live; ends the user's other sessions. */
export function ChangePasswordForm({
  username,
  onChanged,
}: {
  username: string;
  onChanged: () => void;
}) {
  const { t, errorText } = useI18n();
  const { change, loading } = useChangeOwnPassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [failed, setFailed] = useState<string | null>(null);
  const allMet = Object.values(passwordChecklist(next, username)).every(Boolean);
  const mismatch = repeat !== '' && repeat !== next;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailed(null);
    try {
      if (await change(current, next)) onChanged();
    } catch (error) {
      setFailed(errorText(error));
    }
  };
  return (
    <form className="stack-form password-form" onSubmit={submit} noValidate>
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <Field label={t('password.current')}>
        {(p) => (
          <input
            {...p}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('password.new')}>
        {(p) => (
          <input
            {...p}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        )}
      </Field>
      <PasswordRules password={next} username={username} />
      <Field label={t('password.repeat')} error={mismatch ? t('password.mismatch') : undefined}>
        {(p) => (
          <input
            {...p}
            name="repeatPassword"
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
        )}
      </Field>
      <p className="muted small">{t('password.endsOtherSessions')}</p>
      {failed && (
        <p role="alert" className="field-error">
          {failed}
        </p>
      )}
      <Button
        type="submit"
        variant="primary"
        busy={loading}
        disabled={!current || !allMet || repeat !== next}
      >
        {t('password.submit')}
      </Button>
    </form>
  );
}
