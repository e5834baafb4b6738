import { cellLabel, sectionLabel } from '@gongkai/report-model';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../../app/i18n';
import { Button } from '../../../ui/Button';
import { Field } from '../../../ui/Field';
import { useToast } from '../../../ui/Toast';
import { focusControl } from '../../submission-form';
import { localeLang } from '../../submission-form/utils/locale-lang';
import type { DraftComment } from '../hooks/useReviewDecision';
import { useReviewDecision } from '../hooks/useReviewDecision';

type Props = {
  submissionId: string;
  revision: number;
  canDecide: boolean;
  comments: readonly DraftComment[];
  onRemoveComment: (index: number) => void;
  onDone: () => void;
};

export function fieldLabel(path: string, lang: 'zh' | 'en'): string {
  if (path.startsWith('sections.')) return sectionLabel(path.slice(9), lang);
  return path.split('.').length === 3 ? cellLabel(path, lang) : path;
}

/** Return with a reason and the comments picked on cells, or approve. */
export function ReviewPanel({
  submissionId,
  revision,
  canDecide,
  comments,
  onRemoveComment,
  onDone,
}: Props) {
  const { t, locale, errorText } = useI18n();
  const lang = localeLang(locale);
  const toast = useToast();
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const { returnSubmission, approve, returning, approving } = useReviewDecision();
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
                onClick={() => focusControl(c.cell ?? '')}
              >
                {fieldLabel(c.cell, lang)}
              </button>
            )}
            ：{c.body}{' '}
            <Button size="sm" variant="ghost" onClick={() => onRemoveComment(i)}>
              {t('common.remove')}
            </Button>
          </li>
        ))}
      </ol>
      <Field label={t('review.reason')} hint={t('review.reasonHint')}>
        {(p) => (
          <textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        )}
      </Field>
      <div className="toolbar">
        <Button
          variant="danger"
          disabled={!canDecide || reason.trim() === ''}
          busy={returning}
          onClick={async () => {
            try {
              await returnSubmission(submissionId, revision, reason.trim(), comments);
              toast.show(t('review.returned'), 'ok');
              onDone();
              navigate('/review');
            } catch (e) {
              toast.show(errorText(e), 'error');
            }
          }}
        >
          {t('review.return', { count: comments.length })}
        </Button>
        <Button
          variant="primary"
          disabled={!canDecide}
          busy={approving}
          onClick={async () => {
            try {
              await approve(submissionId, revision);
              toast.show(t('review.approved'), 'ok');
              onDone();
              navigate('/review');
            } catch (e) {
              toast.show(errorText(e), 'error');
            }
          }}
        >
          {t('review.approve')}
        </Button>
      </div>
    </section>
  );
}
