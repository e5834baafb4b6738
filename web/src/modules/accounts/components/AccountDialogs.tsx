import { type FormEvent, useState } from 'react';
import { useI18n } from '../../../app/i18n';
import type { Role } from '../../../generated/graphql';
import { ActionDialog } from '../../../ui/ActionDialog';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Field } from '../../../ui/Field';
import { useAccountActions } from '../hooks/useAccountActions';
import type { AccountRow } from '../hooks/useAccounts';
import { OneTimePassword } from './OneTimePassword';
import type { PickedOrganization } from './OrganizationPicker';
import { RoleScopeFields } from './RoleScopeFields';

type Props = { account: AccountRow; onClose: () => void };

/** 重置密码: asks first, then shows the new one-time password once. */
export function ResetPasswordDialog({ account, onClose }: Props) {
  const { t, errorText } = useI18n();
  const { resetPassword, busy } = useAccountActions();
  const [password, setPassword] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const run = async () => {
    setFailed(null);
    try {
      setPassword((await resetPassword(account.id))?.oneTimePassword ?? null);
    } catch (error) {
      setFailed(errorText(error));
    }
  };
  return (
    <Dialog
      open
      title={t('accounts.resetTitle', { username: account.username })}
      onClose={onClose}
      closeLabel={t('common.close')}
      footer={
        password ? (
          <Button variant="primary" onClick={onClose}>
            {t('accounts.done')}
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button variant="danger" busy={busy} onClick={run} data-testid="confirm-reset">
              {t('accounts.resetConfirm')}
            </Button>
          </>
        )
      }
    >
      {password ? (
        <OneTimePassword username={account.username} password={password} />
      ) : (
        <p>
          {t('accounts.resetQuestion', {
            username: account.username,
            name: account.displayName,
          })}
        </p>
      )}
      {failed && (
        <p role="alert" className="field-error">
          {failed}
        </p>
      )}
    </Dialog>
  );
}

/** 停用 / 启用: names the account; deactivation ends its sessions at once. */
export function SetActiveDialog({ account, onClose }: Props) {
  const { t, errorText } = useI18n();
  const { setActive, busy } = useAccountActions();
  const deactivate = account.active;
  const run = async () => {
    await setActive(account.id, !deactivate);
    onClose();
  };
  const params = { username: account.username, name: account.displayName };
  return (
    <ActionDialog
      title={
        deactivate ? t('accounts.deactivateTitle', params) : t('accounts.reactivateTitle', params)
      }
      confirmLabel={deactivate ? t('accounts.deactivate') : t('accounts.reactivate')}
      confirmVariant={deactivate ? 'danger' : 'primary'}
      confirmTestId="confirm-active"
      cancelLabel={t('common.cancel')}
      closeLabel={t('common.close')}
      busy={busy}
      onClose={onClose}
      onConfirm={run}
      describeError={errorText}
    >
      <p>
        {deactivate
          ? t('accounts.deactivateQuestion', params)
          : t('accounts.reactivateQuestion', params)}
      </p>
    </ActionDialog>
  );
}

/** 修改角色和范围 (and the display name). */
export function EditAccountDialog({ account, onClose }: Props) {
  const { t, errorText } = useI18n();
  const { updateAccount, busy } = useAccountActions();
  const [role, setRole] = useState<Role>(account.role);
  const [organization, setOrganization] = useState<PickedOrganization | null>(
    account.organization ? { id: account.organization.id, name: account.organization.name } : null,
  );
  const [displayName, setDisplayName] = useState(account.displayName);
  const submit = async () => {
    await updateAccount({
      userId: account.id,
      role: role !== account.role ? role : null,
      organizationId:
        organization && organization.id !== account.organizationId ? organization.id : null,
      displayName: displayName.trim() !== account.displayName ? displayName.trim() : null,
    });
    onClose();
  };
  const onSubmit = (confirm: () => void) => (e: FormEvent) => {
    e.preventDefault();
    confirm();
  };
  return (
    <ActionDialog
      title={t('accounts.editTitle', { username: account.username })}
      confirmLabel={t('common.save')}
      cancelLabel={t('common.cancel')}
      closeLabel={t('common.close')}
      busy={busy}
      onClose={onClose}
      onConfirm={submit}
      describeError={errorText}
    >
      {(confirm) => (
        <form id="edit-account-form" className="stack-form" onSubmit={onSubmit(confirm)} noValidate>
          <Field label={t('accounts.displayName')}>
            {(p) => (
              <input {...p} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
            )}
          </Field>
          <RoleScopeFields
            role={role}
            onRole={setRole}
            organization={organization}
            onOrganization={setOrganization}
          />
          <p className="muted small">{t('accounts.editTakesEffect')}</p>
        </form>
      )}
    </ActionDialog>
  );
}
