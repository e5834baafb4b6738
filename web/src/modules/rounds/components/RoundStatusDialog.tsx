import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { useToast } from '../../../ui/Toast';
import { type ManagedRound, useRoundActions } from '../hooks/useManagedRounds';

export type RoundMove = 'open' | 'close' | 'reopen';

const TARGET = { open: 'OPEN', close: 'CLOSED', reopen: 'OPEN' } as const;
const TEXTS = {
  open: { title: 'rounds.confirmOpenTitle', body: 'rounds.confirmOpen', done: 'rounds.opened' },
  close: { title: 'rounds.confirmCloseTitle', body: 'rounds.confirmClose', done: 'rounds.closed' },
  reopen: {
    title: 'rounds.confirmReopenTitle',
    body: 'rounds.confirmReopen',
    done: 'rounds.reopened',
  },
} as const;

/** Asks before opening, closing or reopening a round, naming it and what follows. */
export function RoundStatusDialog({
  round,
  move,
  onClose,
}: {
  round: ManagedRound;
  move: RoundMove;
  onClose: () => void;
}) {
  const { t, errorText } = useI18n();
  const toast = useToast();
  const { update, busy } = useRoundActions();
  const [error, setError] = useState<string | null>(null);
  const name = t('rounds.roundName', { year: round.year, scope: round.scopeOrganization.name });
  const texts = TEXTS[move];
  return (
    <Dialog
      open
      title={t(texts.title)}
      onClose={onClose}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant={move === 'close' ? 'danger' : 'primary'}
            busy={busy}
            onClick={async () => {
              setError(null);
              try {
                await update({
                  id: round.id,
                  expectedRevision: round.revision,
                  status: TARGET[move],
                });
                toast.show(t(texts.done, { round: name }), 'ok');
                onClose();
              } catch (e) {
                setError(errorText(e));
              }
            }}
          >
            {t(`rounds.${move}`)}
          </Button>
        </>
      }
    >
      <p>
        {t(texts.body, {
          round: name,
          expected: round.progress?.expected ?? 0,
          missing: round.progress?.missing ?? 0,
        })}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
