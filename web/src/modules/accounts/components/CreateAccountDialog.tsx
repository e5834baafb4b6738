import { type FormEvent, useState } from 'react';
import { useI18n } from '../../../app/i18n';
import type { Role } from '../../../generated/graphql';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Field } from '../../../ui/Field';
import { useAccountActions } from '../hooks/useAccountActions';
import { OneTimePassword } from './OneTimePassword';
import type { PickedOrganization } from './OrganizationPicker';
import { RoleScopeFields } from './RoleScopeFields';
import { PasswordRules } from './PasswordRules';

/** 新建账号: one account, with a one-time password (default) or one the admin sets. */
export function CreateAccountDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, errorText } = useI18n();
  const { createAccount, busy } = useAccountActions();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('BUREAU');
  const [organization, setOrganization] = useState<PickedOrganization | null>(null);
  const [mode, setMode] = useState<'oneTime' | 'given'>('oneTime');
  const [password, setPassword] = useState('');
  const [failed, setFailed] = useState<string | null>(null);
  const [created, setCreated] = useState<{ username: string; password: string | null } | null>(
    null,
  );
  const close = () => {
    setUsername('');
    setDisplayName('');
    setPassword('');
    setOrganization(null);
    setFailed(null);
    setCreated(null);
    onClose();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!organization) return;
    setFailed(null);
    try {
      const result = await createAccount({
        username: username.trim(),
        displayName: displayName.trim(),
        role,
        organizationId: organization.id,
        password: mode === 'given' ? password : null,
      });
      if (result)
        setCreated({ username: result.user.username, password: result.oneTimePassword ?? null });
    } catch (error) {
      setFailed(errorText(error));
    }
  };
  return (
    <Dialog
      open={open}
      title={t('accounts.create')}
      onClose={close}
      closeLabel={t('common.close')}
      footer={
        created ? (
          <Button variant="primary" onClick={close}>
            {t('accounts.done')}
          </Button>
        ) : (
          <>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button
              variant="primary"
              type="submit"
              form="create-account-form"
              busy={busy}
              disabled={!username.trim() || !displayName.trim() || !organization}
            >
              {t('accounts.createSubmit')}
            </Button>
          </>
        )
      }
    >
      {created ? (
        created.password ? (
          <OneTimePassword username={created.username} password={created.password} />
        ) : (
          <p role="status">{t('accounts.createdWithPassword', { username: created.username })}</p>
        )
      ) : (
        <form id="create-account-form" className="stack-form" onSubmit={submit} noValidate>
          <Field label={t('accounts.username')} hint={t('accounts.usernameHint')}>
            {(p) => (
              <input
                {...p}
                name="username"
                autoComplete="off"
                value={username}
                onChange={(e) => setUsername(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('accounts.displayName')}>
            {(p) => (
              <input
                {...p}
                name="displayName"
                value={displayName}
                onChange={(e) => setDisplayName(e.target.value)}
              />
            )}
          </Field>
          <RoleScopeFields
            role={role}
            onRole={setRole}
            organization={organization}
            onOrganization={setOrganization}
          />
          <fieldset className="radio-group">
            <legend>{t('accounts.passwordMode')}</legend>
            <label>
              <input
                type="radio"
                name="mode"
                checked={mode === 'oneTime'}
                onChange={() => setMode('oneTime')}
              />{' '}
              {t('accounts.passwordOneTime')}
            </label>
            <label>
              <input
                type="radio"
                name="mode"
                checked={mode === 'given'}
                onChange={() => setMode('given')}
              />{' '}
              {t('accounts.passwordGiven')}
            </label>
          </fieldset>
          {mode === 'given' && (
            <>
              <Field label={t('password.new')}>
                {(p) => (
                  <input
                    {...p}
                    type="password"
                    autoComplete="new-password"
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                  />
                )}
              </Field>
              <PasswordRules password={password} username={username} />
            </>
          )}
          {failed && (
            <p role="alert" className="field-error">
              {failed}
            </p>
          )}
        </form>
      )}
    </Dialog>
  );
}
