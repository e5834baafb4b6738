import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Field } from '../../../ui/Field';
import { useToast } from '../../../ui/Toast';
import { useReviewCycle } from '../hooks/useReviewCycle';
import './review-cycle.css';

type Props = {
  submissionId: string;
  revision: number;
  status: string;
  organizationName: string;
  year: number;
  canReopen: boolean;
  canPublish: boolean;
  onDone: () => void;
};

/**
 * An approved (or published) report: publish it, or reopen it with a reason — the way back from a
 * mistaken approval. Both ask first.
 */
export function ReopenPanel({
  submissionId,
  revision,
  status,
  organizationName,
  year,
  canReopen,
  canPublish,
  onDone,
}: Props) {
  const { t, errorText } = useI18n();
  const toast = useToast();
  const { reopen, publish, reopening, publishing } = useReviewCycle();
  const [confirming, setConfirming] = useState<'reopen' | 'publish' | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const names = { name: organizationName, year };
  const run = async () => {
    try {
      if (confirming === 'reopen') {
        if (reason.trim() === '') {
          setReasonError(true);
          return;
        }
        await reopen(submissionId, revision, reason.trim());
        toast.show(t('review.reopen.done'), 'ok');
      } else if (confirming === 'publish') {
        await publish(submissionId, revision);
        toast.show(t('review.publish.done'), 'ok');
      }
      setConfirming(null);
      setReason('');
      onDone();
    } catch (e) {
      toast.show(errorText(e), 'error');
    }
  };
  return (
    <section className="reopen-panel card card-body" aria-labelledby="reopen-panel-title">
      <h2 id="reopen-panel-title">
        {status === 'PUBLISHED' ? t('review.reopen.titlePublished') : t('review.reopen.title')}
      </h2>
      <p className="muted">{t('review.reopen.hint')}</p>
      <div className="toolbar">
        {status === 'APPROVED' && canPublish && (
          <Button variant="primary" onClick={() => setConfirming('publish')}>
            {t('review.publish.action')}
          </Button>
        )}
        {canReopen && (
          <Button variant="danger" onClick={() => setConfirming('reopen')}>
            {t('review.reopen.action')}
          </Button>
        )}
      </div>
      <Dialog
        open={confirming !== null}
        title={
          confirming === 'reopen'
            ? t('review.reopen.confirmTitle', names)
            : t('review.publish.confirmTitle', names)
        }
        onClose={() => setConfirming(null)}
        closeLabel={t('common.close')}
        footer={
          <>
            <Button onClick={() => setConfirming(null)}>{t('common.cancel')}</Button>
            <Button
              variant={confirming === 'reopen' ? 'danger' : 'primary'}
              busy={reopening || publishing}
              onClick={() => void run()}
              data-testid="confirm-reopen-publish"
            >
              {confirming === 'reopen' ? t('review.reopen.go') : t('review.publish.go')}
            </Button>
          </>
        }
      >
        {confirming === 'reopen' ? (
          <>
            <p>{t('review.reopen.confirmBody', names)}</p>
            <Field
              label={t('review.reopen.reason')}
              error={reasonError ? t('review.reopen.reasonMissing') : undefined}
            >
              {(p) => (
                <textarea
                  {...p}
                  rows={3}
                  value={reason}
                  data-testid="reopen-reason"
                  onChange={(e) => {
                    setReason(e.target.value);
                    if (e.target.value.trim()) setReasonError(false);
                  }}
                />
              )}
            </Field>
          </>
        ) : (
          <p>{t('review.publish.confirmBody', names)}</p>
        )}
      </Dialog>
    </section>
  );
}
