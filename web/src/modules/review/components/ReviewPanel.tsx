import { cellLabel, sectionLabel } from '@gongkai/report-model';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../../app/i18n';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Field } from '../../../ui/Field';
import { useToast } from '../../../ui/Toast';
import { focusControl } from '../../submission-form';
import { localeLang } from '../../submission-form/utils/locale-lang';
import type { DraftComment } from '../hooks/useReviewDecision';
import { useReviewDecision } from '../hooks/useReviewDecision';
import { changeLabel } from '../utils/change-label';

type Props = {
  submissionId: string;
  revision: number;
  canDecide: boolean;
  comments: readonly DraftComment[];
  onRemoveComment: (index: number) => void;
  onDone: () => void;
  /** Named in the confirmations. */
  organizationName: string;
  year: number;
  versionNumber: number;
};

export function fieldLabel(path: string, lang: 'zh' | 'en'): string {
  if (path.startsWith('sections.')) return sectionLabel(path.slice(9), lang);
  return path.split('.').length === 3 ? cellLabel(path, lang) : path;
}

/** Return with a reason and the comments picked on cells, or approve — each after a confirmation. */
export function ReviewPanel({
  submissionId,
  revision,
  canDecide,
  comments,
  onRemoveComment,
  onDone,
  organizationName,
  year,
  versionNumber,
}: Props) {
  const { t, has, locale, errorText } = useI18n();
  const lang = localeLang(locale);
  const toast = useToast();
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const [confirming, setConfirming] = useState<'return' | 'approve' | null>(null);
  const { returnSubmission, approve, returning, approving } = useReviewDecision();
  const names = { name: organizationName, year, version: versionNumber };
  const decide = async () => {
    const action = confirming;
    try {
      if (action === 'return') {
        await returnSubmission(submissionId, revision, reason.trim(), comments);
        toast.show(t('review.returned'), 'ok');
      } else if (action === 'approve') {
        await approve(submissionId, revision);
        toast.show(t('review.approved'), 'ok');
      }
      setConfirming(null);
      onDone();
      navigate('/review');
    } catch (e) {
      setConfirming(null);
      toast.show(errorText(e), 'error');
    }
  };
  return (
    <section className="review-panel card card-body" aria-labelledby="review-panel-title">
      <h2 id="review-panel-title">{t('review.decision')}</h2>
      <p className="muted">{t('review.pickHint')}</p>
      <ol className="pending-comments" data-testid="pending-comments">
        {comments.map((c, i) => (
          <li key={`${c.cell}-${i}`}>
            {c.cell && (
              <button
                type="button"
                className="link-button"
                title={c.cell}
                onClick={() => focusControl(c.cell ?? '')}
              >
                {changeLabel(c.cell, lang, t, has)}
              </button>
            )}
            ：{c.body}{' '}
            <Button size="sm" variant="ghost" onClick={() => onRemoveComment(i)}>
              {t('common.remove')}
            </Button>
          </li>
        ))}
      </ol>
      <Field
        label={t('review.reason')}
        hint={t('review.reasonHint')}
        error={reasonError ? t('review.confirm.reasonMissing') : undefined}
      >
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={reason}
            data-testid="return-reason-input"
            onChange={(e) => {
              setReason(e.target.value);
              if (e.target.value.trim()) setReasonError(false);
            }}
          />
        )}
      </Field>
      <div className="toolbar">
        <Button
          variant="danger"
          disabled={!canDecide}
          onClick={() => {
            if (reason.trim() === '') setReasonError(true);
            else setConfirming('return');
          }}
        >
          {t('review.return', { count: comments.length })}
        </Button>
        <Button variant="primary" disabled={!canDecide} onClick={() => setConfirming('approve')}>
          {t('review.approve')}
        </Button>
      </div>
      <Dialog
        open={confirming !== null}
        title={
          confirming === 'return'
            ? t('review.confirm.returnTitle', names)
            : t('review.confirm.approveTitle', names)
        }
        onClose={() => setConfirming(null)}
        closeLabel={t('common.close')}
        footer={
          <>
            <Button onClick={() => setConfirming(null)}>{t('common.cancel')}</Button>
            <Button
              variant={confirming === 'return' ? 'danger' : 'primary'}
              busy={returning || approving}
              onClick={() => void decide()}
              data-testid="confirm-decision"
            >
              {confirming === 'return'
                ? t('review.confirm.returnGo', { count: comments.length })
                : t('review.confirm.approveGo')}
            </Button>
          </>
        }
      >
        {confirming === 'return' ? (
          <>
            <p>{t('review.confirm.returnBody', { ...names, count: comments.length })}</p>
            <p className="return-reason">
              <strong>{t('review.thread.reason')}</strong>
              {reason.trim()}
            </p>
          </>
        ) : (
          <p>{t('review.confirm.approveBody', names)}</p>
        )}
      </Dialog>
    </section>
  );
}
