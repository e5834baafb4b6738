import { shanghaiYear } from '@gongkai/report-model';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { ActionDialog } from '../../../ui/ActionDialog';
import { Field } from '../../../ui/Field';
import {
  type TreeNode,
  useClosePreview,
  useOrganizationActions,
} from '../hooks/useOrganizationTree';

/** Closes a body after a year: names it and how many bodies under it close too, or why it cannot. */
export function CloseDialog({
  node,
  onClose,
  onDone,
}: {
  node: TreeNode;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t, errorText } = useI18n();
  const { close, busy } = useOrganizationActions();
  const [lastYear, setLastYear] = useState(String(shanghaiYear(new Date()) - 1));
  const year = /^\d{4}$/.test(lastYear) ? Number(lastYear) : null;
  const { preview, loading, error: previewError } = useClosePreview(node.id, year);
  const blocked = !preview || preview.laterSubmissions > 0;
  const submit = async () => {
    await close({
      variables: { input: { id: node.id, expectedRevision: node.revision, lastYear: year! } },
    });
    onDone(
      t('orgAdmin.closedDone', { name: node.name, count: preview?.closing ?? 1, year: year! }),
    );
  };
  return (
    <ActionDialog
      title={t('orgAdmin.closeTitle', { name: node.name })}
      confirmLabel={t('orgAdmin.closeConfirm', { count: preview?.closing ?? 1 })}
      confirmVariant="danger"
      cancelLabel={t('common.cancel')}
      closeLabel={t('common.close')}
      busy={busy}
      disabled={blocked || loading}
      onClose={onClose}
      onConfirm={submit}
      describeError={errorText}
    >
      <Field label={t('orgAdmin.lastYear')} hint={t('orgAdmin.lastYearHint')}>
        {(p) => (
          <input
            {...p}
            inputMode="numeric"
            value={lastYear}
            onChange={(e) => setLastYear(e.target.value)}
          />
        )}
      </Field>
      {loading && <p className="muted">{t('common.loading')}</p>}
      {previewError && (
        <p role="alert" className="field-error">
          {errorText(previewError)}
        </p>
      )}
      {preview && preview.laterSubmissions === 0 && (
        <p data-testid="close-summary">
          {t('orgAdmin.closeSummary', {
            name: node.name,
            year: preview.lastYear,
            below: preview.closingBelow,
            count: preview.closing,
          })}
        </p>
      )}
      {preview && preview.laterSubmissions > 0 && (
        <p role="alert" className="field-error">
          {t('error.organization.laterWork', {
            name: node.name,
            count: preview.laterSubmissions,
            year: preview.laterSubmissionsFrom ?? preview.lastYear + 1,
          })}
        </p>
      )}
      <p className="muted">{t('orgAdmin.closeUndo')}</p>
    </ActionDialog>
  );
}
