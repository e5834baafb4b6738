import type { AnnualReport, Finding } from '@gongkai/report-model';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n';
import { Badge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Field } from '../../../ui/Field';
import { SubmissionForm, useSubmissionForm } from '../../submission-form';
import { localeLang } from '../../submission-form/utils/locale-lang';
import { StatusBadge } from '../../submissions/components/StatusBadge';
import type { SubmissionDetail } from '../../submissions/hooks/useSubmission';
import type { DraftComment } from '../hooks/useReviewDecision';
import { REVIEWABLE } from '../hooks/useReviewList';
import { changeLabel } from '../utils/change-label';
import { ChangesSinceReturn } from './ChangesSinceReturn';
import { ReopenPanel } from './ReopenPanel';
import { ReturnTurnView } from './ReturnTurnView';
import { ReviewPanel } from './ReviewPanel';

type Props = {
  submission: SubmissionDetail;
  report: AnnualReport;
  previous?: AnnualReport;
  canDecide: boolean;
  canPublish: boolean;
  onDone: () => void;
};

/** The submitted report with its findings beside the cells, and the decision panel beside it. */
export function ReviewWorkspace({
  submission,
  report,
  previous,
  canDecide,
  canPublish,
  onDone,
}: Props) {
  const { t, has, locale } = useI18n();
  const lang = localeLang(locale);
  const version = submission.submittedVersion ?? submission.currentVersion;
  const form = useSubmissionForm(report, {
    previous,
    stored: version?.findings as readonly Finding[] | undefined,
  });
  const [comments, setComments] = useState<DraftComment[]>([]);
  const [picking, setPicking] = useState<string | null>(null);
  const [body, setBody] = useState('');
  const reviewable = REVIEWABLE.includes(submission.status);
  const late = submission.timeliness.onTime === false;
  // a resubmitted report opens on what changed since the return it answers
  const lastTurn = submission.returns[submission.returns.length - 1];
  const answered =
    submission.status === 'RESUBMITTED' &&
    lastTurn?.reply &&
    lastTurn.returnedVersionId &&
    submission.submittedVersionId
      ? lastTurn
      : null;
  const [view, setView] = useState<'changes' | 'full'>(answered ? 'changes' : 'full');
  const closed = submission.status === 'APPROVED' || submission.status === 'PUBLISHED';
  const earlier = answered ? submission.returns.slice(0, -1) : submission.returns;
  return (
    <div className="page">
      <header className="page-header">
        <h1>
          <Link to={`/organizations/${submission.organizationId}`}>
            {submission.organization.name}
          </Link>{' '}
          · {t('form.year', { year: submission.round.year })}
        </h1>
        <p className="muted">
          <StatusBadge status={submission.status} /> ·{' '}
          {t('submission.deadline', { date: submission.timeliness.deadline })}{' '}
          {late && <Badge tone="error">{t('flag.late')}</Badge>} ·{' '}
          {t('review.versionShown', {
            number: (submission.submittedVersion ?? submission.currentVersion)?.number ?? 0,
          })}
        </p>
      </header>
      {reviewable && (
        <ReviewPanel
          submissionId={submission.id}
          revision={submission.revision}
          canDecide={canDecide}
          comments={comments}
          onRemoveComment={(i) => setComments((cs) => cs.filter((_, j) => j !== i))}
          onDone={onDone}
          organizationName={submission.organization.name}
          year={submission.round.year}
          versionNumber={version?.number ?? 0}
        />
      )}
      {closed && (canDecide || canPublish) && (
        <ReopenPanel
          submissionId={submission.id}
          revision={submission.revision}
          status={submission.status}
          organizationName={submission.organization.name}
          year={submission.round.year}
          canReopen={canDecide}
          canPublish={canPublish}
          onDone={onDone}
        />
      )}
      {earlier.length > 0 && (
        <details className="return-history" data-testid="return-history">
          <summary>{t('review.thread.history', { count: earlier.length })}</summary>
          <ol>
            {earlier.map((turn) => (
              <li key={turn.id}>
                <ReturnTurnView turn={turn} linkCells={view === 'full'} />
              </li>
            ))}
          </ol>
        </details>
      )}
      {answered && (
        <div className="review-view-toggle" role="group" aria-label={t('review.view.label')}>
          <Button
            size="sm"
            variant={view === 'changes' ? 'primary' : 'secondary'}
            aria-pressed={view === 'changes'}
            onClick={() => setView('changes')}
          >
            {t('review.view.changes')}
          </Button>
          <Button
            size="sm"
            variant={view === 'full' ? 'primary' : 'secondary'}
            aria-pressed={view === 'full'}
            onClick={() => setView('full')}
          >
            {t('review.view.full')}
          </Button>
        </div>
      )}
      {answered && view === 'changes' && (
        <ChangesSinceReturn turn={answered} toVersionId={submission.submittedVersionId!} />
      )}
      {(!answered || view === 'full') && (
        <SubmissionForm
          {...form}
          readOnly
          comments={comments.map((c, i) => ({ id: `pending-${i}`, cell: c.cell, body: c.body }))}
          onPickCell={reviewable && canDecide ? (path) => setPicking(path) : undefined}
        />
      )}
      <Dialog
        open={picking !== null}
        title={t('review.commentOn', {
          field: picking ? changeLabel(picking, lang, t, has) : '',
        })}
        onClose={() => setPicking(null)}
        closeLabel={t('common.close')}
        footer={
          <>
            <Button onClick={() => setPicking(null)}>{t('common.cancel')}</Button>
            <Button
              variant="primary"
              disabled={body.trim() === ''}
              onClick={() => {
                setComments((cs) => [...cs, { cell: picking, body: body.trim() }]);
                setBody('');
                setPicking(null);
              }}
            >
              {t('review.addComment')}
            </Button>
          </>
        }
      >
        <Field label={t('review.comment')}>
          {(p) => (
            <textarea
              {...p}
              rows={3}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              data-testid="comment-body"
            />
          )}
        </Field>
      </Dialog>
    </div>
  );
}
