import { type FormEvent, useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Button } from '../../../ui/Button';
import { Field } from '../../../ui/Field';
import { useSignIn } from '../hooks/useSignIn';

export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t, errorText } = useI18n();
  const { signIn, loading } = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [failed, setFailed] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailed(null);
    try {
      const viewer = await signIn(username.trim(), password);
      if (viewer) onSignedIn();
      else setFailed(t('auth.failed'));
    } catch (error) {
      setFailed(errorText(error));
    }
  };
  return (
    <form className="signin-form" onSubmit={submit} noValidate>
      <Field label={t('auth.username')}>
        {(p) => (
          <input
            {...p}
            name="username"
            autoComplete="username"
            value={username}
            required
            onChange={(e) => setUsername(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('auth.password')}>
        {(p) => (
          <input
            {...p}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            required
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      {failed && (
        <p role="alert" className="field-error">
          {failed}
        </p>
      )}
      <Button type="submit" variant="primary" busy={loading} disabled={!username || !password}>
        {t('auth.signIn')}
      </Button>
    </form>
  );
}
