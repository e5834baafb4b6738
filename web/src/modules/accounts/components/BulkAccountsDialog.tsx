import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import {
  BureauAccountsPreviewDocument,
  type CreateBureauAccountsMutation,
} from '../../../generated/graphql';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { useAccountActions } from '../hooks/useAccountActions';
import { useHandoutDownload } from '../hooks/useHandoutDownload';
import { OrganizationPicker, type PickedOrganization } from './OrganizationPicker';

type Created = CreateBureauAccountsMutation['createBureauAccounts'];

/**
 * 为下级单位批量创建账号: choose a scope, see how many reporting bodies would get an account,
 * confirm, then see every one-time password once and download the sheet once.
 */
export function BulkAccountsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, errorText, formatNumber } = useI18n();
  const { createBureauAccounts, busy } = useAccountActions();
  const { download, state: downloadState } = useHandoutDownload();
  const [scope, setScope] = useState<PickedOrganization | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [warned, setWarned] = useState(false);
  const preview = useQuery(BureauAccountsPreviewDocument, {
    variables: { scopeOrganizationId: scope?.id ?? '' },
    skip: !scope || !!created,
    fetchPolicy: 'network-only',
  });
  const count = preview.data?.bureauAccountsPreview.count ?? null;
  const close = () => {
    // The passwords are shown only here: closing before the sheet is downloaded asks once more.
    if (created && downloadState !== 'done' && !warned) {
      setWarned(true);
      return;
    }
    setWarned(false);
    setScope(null);
    setCreated(null);
    setFailed(null);
    onClose();
  };
  const confirm = async () => {
    if (!scope) return;
    setFailed(null);
    try {
      setCreated(await createBureauAccounts(scope.id));
    } catch (error) {
      setFailed(errorText(error));
    }
  };
  const footer = created ? (
    <>
      <Button
        variant="primary"
        busy={downloadState === 'busy'}
        disabled={downloadState === 'done'}
        onClick={() =>
          download(created.handoutId, `${scope?.name ?? ''}-账号表.xlsx`).catch((error) =>
            setFailed(errorText(error)),
          )
        }
        data-testid="download-handout"
      >
        {downloadState === 'done' ? t('accounts.bulkDownloaded') : t('accounts.bulkDownload')}
      </Button>
      <Button onClick={close}>{t('accounts.done')}</Button>
    </>
  ) : (
    <>
      <Button onClick={close}>{t('common.cancel')}</Button>
      <Button
        variant="primary"
        busy={busy}
        disabled={!scope || !count}
        onClick={confirm}
        data-testid="bulk-confirm"
      >
        {count
          ? t('accounts.bulkConfirm', { count: formatNumber(count) })
          : t('accounts.bulkCreate')}
      </Button>
    </>
  );
  return (
    <Dialog
      open={open}
      title={t('accounts.bulk')}
      onClose={close}
      closeLabel={t('common.close')}
      footer={footer}
    >
      {created ? (
        <div data-testid="bulk-result">
          <p role="status">
            {t('accounts.bulkCreated', {
              count: formatNumber(created.accounts.length),
              scope: scope?.name ?? '',
            })}
          </p>
          <p className="muted small">{t('accounts.bulkOnce')}</p>
          <div className="table-wrap bulk-list">
            <table className="data-table">
              <caption className="visually-hidden">{t('accounts.bulkListCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('accounts.organization')}</th>
                  <th scope="col">{t('accounts.username')}</th>
                  <th scope="col">{t('accounts.oneTimePassword')}</th>
                </tr>
              </thead>
              <tbody>
                {created.accounts.map((a) => (
                  <tr key={a.username}>
                    <td>{a.organization.name}</td>
                    <td>{a.username}</td>
                    <td>
                      <code>{a.oneTimePassword}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : (
        <div className="stack-form">
          <p>{t('accounts.bulkIntro')}</p>
          <OrganizationPicker
            label={t('accounts.bulkScope')}
            value={scope}
            onChange={setScope}
            testId="bulk-scope"
          />
          {scope && preview.loading && <p>{t('common.loading')}</p>}
          {scope && count !== null && (
            <div role="status" data-testid="bulk-preview">
              {count === 0 ? (
                <p>{t('accounts.bulkNothing', { scope: scope.name })}</p>
              ) : (
                <>
                  <p>
                    {t('accounts.bulkPreview', { count: formatNumber(count), scope: scope.name })}
                  </p>
                  <p className="muted small">
                    {preview
                      .data!.bureauAccountsPreview.accounts.slice(0, 8)
                      .map((a) => a.organization.name)
                      .join('、')}
                    {count > 8 ? t('accounts.bulkAndMore', { count: formatNumber(count - 8) }) : ''}
                  </p>
                </>
              )}
            </div>
          )}
          {preview.error && <p className="field-error">{errorText(preview.error)}</p>}
        </div>
      )}
      {warned && (
        <p role="alert" className="field-error">
          {t('accounts.bulkLeaveWarning')}
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
