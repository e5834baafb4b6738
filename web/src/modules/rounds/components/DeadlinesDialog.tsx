import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Field } from '../../../ui/Field';
import { useToast } from '../../../ui/Toast';
import { type ManagedRound, useRoundActions } from '../hooks/useManagedRounds';
import { errorField } from '../utils/error-field';

/** Changes a round's deadlines per level (optimistic lock on the round's revision). */
export function DeadlinesDialog({ round, onClose }: { round: ManagedRound; onClose: () => void }) {
  const { t, errorText } = useI18n();
  const toast = useToast();
  const { update, busy } = useRoundActions();
  const [dept, setDept] = useState(round.departmentDeadline);
  const [gov, setGov] = useState(round.governmentDeadline);
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const name = t('rounds.roundName', { year: round.year, scope: round.scopeOrganization.name });
  const at = (field: string | null) => (error && error.field === field ? error.text : undefined);
  return (
    <Dialog
      open
      title={t('rounds.deadlinesTitle', { round: name })}
      onClose={onClose}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant="primary"
            busy={busy}
            onClick={async () => {
              setError(null);
              try {
                await update({
                  id: round.id,
                  expectedRevision: round.revision,
                  departmentDeadline: dept,
                  governmentDeadline: gov,
                });
                toast.show(t('rounds.deadlinesSaved', { round: name }), 'ok');
                onClose();
              } catch (e) {
                setError({ field: errorField(e), text: errorText(e) });
              }
            }}
          >
            {t('common.save')}
          </Button>
        </>
      }
    >
      <div className="round-form">
        <Field
          label={t('rounds.departmentDeadline')}
          hint={t('rounds.deadlineHint')}
          error={at('input.departmentDeadline')}
        >
          {(control) => (
            <input
              {...control}
              type="date"
              value={dept}
              onChange={(e) => setDept(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('rounds.governmentDeadline')} error={at('input.governmentDeadline')}>
          {(control) => (
            <input {...control} type="date" value={gov} onChange={(e) => setGov(e.target.value)} />
          )}
        </Field>
        {error && !error.field?.startsWith('input.') && (
          <p className="field-error" role="alert">
            {error.text}
          </p>
        )}
      </div>
    </Dialog>
  );
}
