import { useState } from 'react';
import { useI18n, type MessageKey } from '../../../app/i18n';
import type { NotificationKind } from '../../../generated/graphql';
import { Button } from '../../../ui/Button';
import { Field } from '../../../ui/Field';
import { useNotificationSettings } from '../hooks/useNotificationSettings';

const KINDS: readonly NotificationKind[] = [
  'RETURNED',
  'APPROVED',
  'PUBLISHED',
  'REOPENED',
  'RESUBMITTED',
  'EXTENDED',
  'ROUND_OPENED',
  'DUE_SOON',
  'OVERDUE',
  'REMINDER',
];

/** E-mail address and, per kind of notification, whether it also comes by e-mail. */
export function NotificationSettingsForm() {
  const { t, errorText } = useI18n();
  const { settings, loading, error, saving, save } = useNotificationSettings();
  if (loading) return <p>{t('common.loading')}</p>;
  if (error || !settings) return <p role="alert">{errorText(error)}</p>;
  return <SettingsForm settings={settings} saving={saving} save={save} />;
}

type Settings = { email: string | null; emailOptOut: readonly string[]; mailEnabled: boolean };

function SettingsForm({
  settings,
  saving,
  save,
}: {
  settings: Settings;
  saving: boolean;
  save: (email: string, optOut: string[]) => Promise<unknown>;
}) {
  const { t, errorText } = useI18n();
  const [email, setEmail] = useState(settings.email ?? '');
  const [optOut, setOptOut] = useState<Set<string>>(() => new Set(settings.emailOptOut));
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  return (
    <form
      className="form-stack"
      data-testid="notification-settings"
      onSubmit={async (e) => {
        e.preventDefault();
        setFailure(null);
        setSaved(false);
        try {
          await save(email.trim(), [...optOut]);
          setSaved(true);
        } catch (err) {
          setFailure(err);
        }
      }}
    >
      {!settings.mailEnabled && (
        <p className="notice" role="note">
          {t('notificationSettings.mailOff')}
        </p>
      )}
      <Field
        label={t('notificationSettings.email')}
        hint={t('notificationSettings.emailHint')}
        error={failure ? errorText(failure) : undefined}
      >
        {(control) => (
          <input
            {...control}
            type="email"
            autoComplete="email"
            maxLength={254}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="settings-email"
          />
        )}
      </Field>
      <fieldset className="checkbox-group">
        <legend>{t('notificationSettings.byEmail')}</legend>
        {KINDS.map((kind) => (
          <label key={kind} className="checkbox">
            <input
              type="checkbox"
              checked={!optOut.has(kind)}
              onChange={(e) =>
                setOptOut((s) => {
                  const next = new Set(s);
                  if (e.target.checked) next.delete(kind);
                  else next.add(kind);
                  return next;
                })
              }
            />{' '}
            {t(`notificationSettings.kind.${kind}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <div className="toolbar">
        <Button type="submit" variant="primary" busy={saving} data-testid="settings-save">
          {t('common.save')}
        </Button>
        {saved && (
          <span role="status" className="muted">
            {t('notificationSettings.saved')}
          </span>
        )}
      </div>
    </form>
  );
}
