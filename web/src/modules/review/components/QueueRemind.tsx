import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { useRemind } from '../../notifications/hooks/useRemindBodies';
import type { QueueEntry } from '../hooks/useReviewQueue';
import { namedFew } from '../utils/named-few';
import {
  RemindMessageField,
  remindMessageTooLong,
} from '../../notifications/components/RemindMessageField';

/** Rows a reviewer may send a 催报 to: bodies that have not submitted (not started or a draft). */
export const remindable = (e: QueueEntry) => e.status === 'NOT_STARTED' || e.status === 'DRAFT';

type Result = {
  reminded: number;
  skippedQuiet: number;
  skippedSubmitted: number;
  quietHours: number;
};

type Props = {
  roundId: string;
  /** The selected bodies that have not submitted. */
  entries: readonly QueueEntry[];
  /** Called after the reminders went out (the selection of these bodies ends). */
  onSent: () => void;
};

/**
 * 催报 from the queue: a button for the selected bodies that have not submitted, a confirmation
 * naming how many and which with an optional message, and a line with what was sent and skipped.
 */
export function QueueRemind({ roundId, entries, onSent }: Props) {
  const { t, errorText, formatNumber } = useI18n();
  const { remind, sending } = useRemind(roundId);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState('');
  const [result, setResult] = useState<Result | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const tooLong = remindMessageTooLong(message);
  const few = namedFew(entries.map((e) => e.organization.name));
  const send = async () => {
    try {
      setResult(await remind([...new Set(entries.map((e) => e.organization.id))], message));
      setMessage('');
      onSent();
    } catch (error) {
      setFailure(error);
    }
    setConfirming(false);
  };
  return (
    <>
      <Button
        disabled={entries.length === 0}
        busy={sending}
        onClick={() => {
          setResult(null);
          setFailure(null);
          setConfirming(true);
        }}
        data-testid="queue-remind"
      >
        {t('queue.remind', { count: formatNumber(entries.length) })}
      </Button>
      {result && (
        <span role="status" className="small" data-testid="queue-remind-result">
          {t('remind.done', { count: result.reminded })}
          {result.skippedQuiet > 0 &&
            ` ${t('remind.skippedQuiet', { count: result.skippedQuiet, hours: result.quietHours })}`}
          {result.skippedSubmitted > 0 &&
            ` ${t('remind.skippedSubmitted', { count: result.skippedSubmitted })}`}
        </span>
      )}
      {failure !== null && (
        <span role="alert" className="small">
          {errorText(failure)}
        </span>
      )}
      <Dialog
        open={confirming}
        title={t('queue.remindConfirm.title', { count: formatNumber(entries.length) })}
        onClose={() => setConfirming(false)}
        closeLabel={t('common.close')}
        footer={
          <>
            <Button onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
            <Button
              variant="primary"
              busy={sending}
              disabled={tooLong}
              onClick={() => void send()}
              data-testid="queue-remind-confirm"
            >
              {t('remind.send', { count: formatNumber(entries.length) })}
            </Button>
          </>
        }
      >
        <p data-testid="queue-remind-names">
          {few.more
            ? t('queue.remindConfirm.namesMore', { names: few.names, count: few.count })
            : t('queue.remindConfirm.names', { names: few.names })}
        </p>
        <p>{t('queue.remindConfirm.consequence')}</p>
        <RemindMessageField
          message={message}
          onChange={setMessage}
          rows={3}
          testId="queue-remind-message"
        />
      </Dialog>
    </>
  );
}
