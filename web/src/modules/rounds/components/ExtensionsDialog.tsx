import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Field } from '../../../ui/Field';
import { type PickerOption, SearchPicker } from '../../../ui/SearchPicker';
import { Table } from '../../../ui/Table';
import { useToast } from '../../../ui/Toast';
import { type ManagedRound, useRoundActions } from '../hooks/useManagedRounds';
import { useOrganizationChoices } from '../../organizations/hooks/useOrganizationChoices';
import { errorField } from '../utils/error-field';

const GOVERNMENT_LEVELS = new Set(['PROVINCE', 'CITY', 'COUNTY']);

/** The round's extensions (body, date, reason, who granted) and a form to grant one. */
export function ExtensionsDialog({ round, onClose }: { round: ManagedRound; onClose: () => void }) {
  const { t, errorText } = useI18n();
  const toast = useToast();
  const { extend, busy } = useRoundActions();
  const [query, setQuery] = useState('');
  const [body, setBody] = useState<(PickerOption & { level?: string }) | null>(null);
  const [deadline, setDeadline] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const choices = useOrganizationChoices(
    query,
    { withinId: round.scopeOrganizationId, reportsOnly: true, activeInYear: round.year },
    !!body,
  );
  const name = t('rounds.roundName', { year: round.year, scope: round.scopeOrganization.name });
  const base = body
    ? GOVERNMENT_LEVELS.has(body.level ?? '')
      ? round.governmentDeadline
      : round.departmentDeadline
    : null;
  const at = (field: string) => (error && error.field === field ? error.text : undefined);
  const submit = async () => {
    setTried(true);
    if (!body || !reason.trim() || !deadline) return;
    setError(null);
    try {
      await extend({ roundId: round.id, organizationId: body.id, deadline, reason });
      toast.show(t('rounds.ext.granted', { name: body.label, date: deadline }), 'ok');
      setBody(null);
      setQuery('');
      setDeadline('');
      setReason('');
      setTried(false);
    } catch (e) {
      setError({ field: errorField(e), text: errorText(e) });
    }
  };
  return (
    <Dialog
      open
      title={t('rounds.extensionsTitle', { round: name })}
      onClose={onClose}
      closeLabel={t('common.close')}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
    >
      <Table
        caption={t('rounds.extensionsTitle', { round: name })}
        hideCaption
        rows={round.extensions}
        rowKey={(x) => x.id}
        empty={t('rounds.extensionsNone')}
        testId="round-extensions"
        columns={[
          { key: 'org', header: t('rounds.ext.organization'), render: (x) => x.organization.name },
          { key: 'deadline', header: t('rounds.ext.deadline'), render: (x) => x.deadline },
          { key: 'reason', header: t('rounds.ext.reason'), render: (x) => x.reason },
          {
            key: 'by',
            header: t('rounds.ext.grantedBy'),
            render: (x) => x.grantedByName ?? t('audit.system'),
          },
        ]}
      />
      <h3>{t('rounds.ext.grantTitle')}</h3>
      <div className="round-form">
        <Field
          label={t('rounds.ext.body')}
          hint={t('rounds.ext.bodyHint')}
          error={
            (tried && !body ? t('rounds.ext.bodyRequired') : undefined) ??
            at('input.organizationId')
          }
        >
          {(control) => (
            <SearchPicker
              control={control}
              chosen={body}
              query={query}
              onQuery={setQuery}
              options={choices.options}
              total={choices.total}
              loading={choices.loading}
              onChoose={(o) => setBody(o)}
              placeholder={t('rounds.searchPlaceholder')}
              texts={{
                noMatch: t('picker.noMatch'),
                more: (count) => t('picker.more', { count }),
                clear: t('picker.clear'),
                chosen: t('picker.chosen', { name: body?.label ?? '' }),
              }}
            />
          )}
        </Field>
        <Field
          label={t('rounds.ext.newDeadline')}
          hint={base ? t('rounds.ext.baseDeadline', { date: base }) : undefined}
          error={
            (tried && !deadline ? t('error.round.dateInvalid') : undefined) ?? at('input.deadline')
          }
        >
          {(control) => (
            <input
              {...control}
              type="date"
              value={deadline}
              min={base ?? undefined}
              onChange={(e) => setDeadline(e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t('rounds.ext.reasonLabel')}
          error={
            (tried && !reason.trim() ? t('rounds.ext.reasonRequired') : undefined) ??
            at('input.reason')
          }
        >
          {(control) => (
            <textarea
              {...control}
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
        {error && !error.field?.startsWith('input.') && (
          <p className="field-error" role="alert">
            {error.text}
          </p>
        )}
        <div>
          <Button variant="primary" busy={busy} onClick={submit}>
            {t('rounds.ext.grant')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
