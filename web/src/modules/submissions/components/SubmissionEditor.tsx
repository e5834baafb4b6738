import { type AnnualReport, cellLabel, type Finding, sectionLabel } from '@gongkai/report-model';
import { useCallback, useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useI18n } from '../../../app/i18n';
import { Badge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Field } from '../../../ui/Field';
import { useToast } from '../../../ui/Toast';
import {
  blockingProblems,
  focusControl,
  SubmissionForm,
  useSubmissionForm,
} from '../../submission-form';
import { localeLang } from '../../submission-form/utils/locale-lang';
import { ReturnNotice } from '../../review/components/ReturnNotice';
import type { SubmissionDetail } from '../hooks/useSubmission';
import { useSubmissionActions } from '../hooks/useSubmission';
import { useUploadReport } from '../hooks/useUploadReport';
import { noteIn } from '../utils/import-note';
import { StatusBadge } from './StatusBadge';

export const AUTOSAVE_DELAY_MS = 2500;
const EDITABLE = new Set(['DRAFT', 'RETURNED']);

type Props = {
  submission: SubmissionDetail;
  initial: AnnualReport;
  previous?: AnnualReport;
  /** Cells to highlight for confirmation (what the last upload filled in). */
  toConfirm?: ReadonlySet<string>;
  /** Called after the server replaced the content (upload), with the report it replaced. */
  onReplaced: (before: AnnualReport) => void;
};

function fieldLabel(path: string, lang: 'zh' | 'en'): string {
  if (path.startsWith('sections.')) return sectionLabel(path.slice(9), lang);
  return path.split('.').length === 3 ? cellLabel(path, lang) : path;
}

/** The bureau's page body: the form, autosave, upload to prefill, submit, and the reviewer's comments. */
export function SubmissionEditor({ submission, initial, previous, toConfirm, onReplaced }: Props) {
  const { t, locale, formatDate, errorText } = useI18n();
  const lang = localeLang(locale);
  const toast = useToast();
  const justifications = useMemo(
    () =>
      Object.fromEntries(
        (submission.currentVersion?.findings ?? []).flatMap((f) =>
          f.justification ? [[f.key, f.justification]] : [],
        ),
      ),
    [submission.currentVersion],
  );
  const form = useSubmissionForm(initial, {
    previous,
    justifications,
    toConfirm,
    stored: submission.currentVersion?.findings as readonly Finding[] | undefined,
  });
  const { draft, dispatch, live } = form;
  const { saveDraft, submitReport, justify, saving, submitting } = useSubmissionActions();
  const { upload, busy: uploading } = useUploadReport();
  const revision = useRef(submission.revision);
  useEffect(() => {
    revision.current = submission.revision;
  }, [submission.revision]);
  const [saveState, setSaveState] = useState<'idle' | 'saved' | 'error'>('idle');
  const editable = EDITABLE.has(submission.status);
  const problems = blockingProblems(draft);
  const errors = live.findings.filter((f) => f.severity === 'error').length;
  const synced = useRef(new Set(Object.keys(justifications)));

  const save = useCallback(
    async (autosave: boolean) => {
      const report = draft.report;
      try {
        const saved = await saveDraft(submission.id, revision.current, report, autosave);
        if (saved) revision.current = saved.revision;
        dispatch({ type: 'saved', report });
        setSaveState('saved');
        // Justifications follow the findings of the version just saved.
        for (const [key, text] of Object.entries(draft.justifications)) {
          if (synced.current.has(`${key}\u0000${text}`)) continue;
          const exists = saved?.currentVersion?.findings.some((f) => f.key === key);
          if (!exists) continue;
          const after = await justify(submission.id, revision.current, key, text);
          if (after) revision.current = after.revision;
          synced.current.add(`${key}\u0000${text}`);
        }
        return true;
      } catch (error) {
        setSaveState('error');
        toast.show(t('submission.saveFailed', { message: errorText(error) }), 'error');
        return false;
      }
    },
    [
      draft.report,
      draft.justifications,
      saveDraft,
      justify,
      submission.id,
      dispatch,
      toast,
      t,
      errorText,
    ],
  );

  // Autosave a while after the last edit, when nothing typed is invalid.
  useEffect(() => {
    if (!editable || !draft.dirty || problems.length > 0) return;
    const timer = setTimeout(() => void save(true), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft.report, draft.dirty, editable, problems.length, save]);

  const returned = submission.status === 'RETURNED';
  const [confirmingSubmit, setConfirmingSubmit] = useState(false);
  const [reply, setReply] = useState('');
  const [replyError, setReplyError] = useState(false);
  const onSubmit = async () => {
    if (returned && reply.trim() === '') {
      setReplyError(true);
      return;
    }
    if (draft.dirty && !(await save(false))) {
      setConfirmingSubmit(false);
      return;
    }
    try {
      const done = await submitReport(
        submission.id,
        revision.current,
        returned ? reply.trim() : undefined,
      );
      if (done) revision.current = done.revision;
      setConfirmingSubmit(false);
      setReply('');
      toast.show(t('submission.submitted'), 'ok');
    } catch (error) {
      toast.show(t('submission.submitFailed', { message: errorText(error) }), 'error');
    }
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    try {
      const result = await upload(submission.id, revision.current, file);
      revision.current = result.revision;
      toast.show(
        result.carried
          ? t(
              result.carried.fromYear === result.carried.toYear
                ? 'submission.uploadedOtherTemplate'
                : 'submission.uploadedCarried',
              {
                name: file.name,
                from: result.carried.fromYear,
                to: result.carried.toYear,
                cells: result.carried.cells,
              },
            )
          : t('submission.uploaded', { name: file.name }),
        'ok',
      );
      onReplaced(draft.report);
    } catch (error) {
      toast.show(t('submission.uploadFailed', { message: errorText(error) }), 'error');
    }
  };

  const lastReturnComments = submission.comments;
  return (
    <div className="page">
      <header className="page-header submission-header">
        <div>
          <h1>
            {submission.organization.name} · {t('form.year', { year: submission.round.year })}
          </h1>
          <p className="muted">
            <StatusBadge status={submission.status} /> ·{' '}
            {t('submission.deadline', { date: submission.timeliness.deadline })}
            {submission.timeliness.extended && ` (${t('submission.extended')})`}
            {submission.timeliness.onTime === false && (
              <>
                {' '}
                <Badge tone="error">{t('submission.late')}</Badge>
              </>
            )}
          </p>
        </div>
        {editable && (
          <div className="toolbar">
            <span className="save-state" role="status" data-testid="save-state">
              {saving
                ? t('submission.saving')
                : draft.dirty
                  ? t('submission.unsaved')
                  : saveState === 'error'
                    ? t('submission.saveError')
                    : t('submission.allSaved')}
            </span>
            <label className={`btn ${uploading ? 'btn-busy' : ''}`}>
              {uploading ? t('submission.uploading') : t('submission.upload')}
              <input
                type="file"
                className="visually-hidden"
                accept=".docx,.doc,.wps,.pdf,.odt,.rtf,.xlsx,.html,.htm,.txt,.json"
                onChange={onFile}
                disabled={uploading}
                data-testid="upload-input"
              />
            </label>
            <Button onClick={() => void save(false)} busy={saving} disabled={problems.length > 0}>
              {t('common.save')}
            </Button>
            <Button
              variant="primary"
              onClick={() => setConfirmingSubmit(true)}
              busy={submitting}
              disabled={problems.length > 0 || errors > 0}
              title={errors > 0 ? t('submission.fixErrorsFirst', { count: errors }) : undefined}
            >
              {submission.status === 'RETURNED' ? t('submission.resubmit') : t('submission.submit')}
            </Button>
          </div>
        )}
      </header>
      {editable && (problems.length > 0 || errors > 0) && (
        <p className="field-error" role="status">
          {problems.length > 0
            ? t('form.blocking', { count: problems.length })
            : t('submission.fixErrorsFirst', { count: errors })}
        </p>
      )}
      {submission.currentVersion?.importWarnings &&
        submission.currentVersion.importWarnings.length > 0 && (
          <details className="import-warnings">
            <summary>
              {t('submission.importWarnings', {
                count: submission.currentVersion.importWarnings.length,
              })}
            </summary>
            <ul>
              {submission.currentVersion.importWarnings.map((w) => (
                <li key={w} title={w}>
                  {noteIn(w, locale)}
                </li>
              ))}
            </ul>
          </details>
        )}
      <ReturnNotice status={submission.status} turns={submission.returns} canResolve={editable} />
      {submission.returns.length === 0 && lastReturnComments.length > 0 && (
        <section className="review-comments" aria-labelledby="comments-title">
          <h2 id="comments-title">{t('review.comments')}</h2>
          <ul>
            {lastReturnComments.map((c) => (
              <li key={c.id}>
                <time dateTime={c.createdAt}>{formatDate(c.createdAt)}</time>{' '}
                {c.cell && (
                  <a
                    href={`#${c.cell}`}
                    onClick={(e) => {
                      e.preventDefault();
                      focusControl(c.cell ?? '');
                    }}
                  >
                    {fieldLabel(c.cell, lang)}
                  </a>
                )}
                ：{c.body}
              </li>
            ))}
          </ul>
        </section>
      )}
      <SubmissionForm {...form} comments={submission.comments} readOnly={!editable} />
      <Dialog
        open={confirmingSubmit}
        title={t(returned ? 'submission.confirm.resubmitTitle' : 'submission.confirm.submitTitle', {
          year: submission.round.year,
        })}
        onClose={() => setConfirmingSubmit(false)}
        closeLabel={t('common.close')}
        footer={
          <>
            <Button onClick={() => setConfirmingSubmit(false)}>{t('common.cancel')}</Button>
            <Button
              variant="primary"
              busy={submitting || saving}
              onClick={() => void onSubmit()}
              data-testid="confirm-submit"
            >
              {returned ? t('submission.resubmit') : t('submission.submit')}
            </Button>
          </>
        }
      >
        <p>
          {t('submission.confirm.body', {
            name: submission.organization.name,
            year: submission.round.year,
          })}
        </p>
        {returned && (
          <Field
            label={t('submission.confirm.reply')}
            hint={t('submission.confirm.replyHint')}
            error={replyError ? t('submission.confirm.replyMissing') : undefined}
          >
            {(p) => (
              <textarea
                {...p}
                rows={4}
                value={reply}
                data-testid="resubmit-reply"
                onChange={(e) => {
                  setReply(e.target.value);
                  if (e.target.value.trim()) setReplyError(false);
                }}
              />
            )}
          </Field>
        )}
      </Dialog>
    </div>
  );
}
