import type { AnnualReport } from '@gongkai/report-model';
import { useState } from 'react';
import { changedCells } from '../../modules/submission-form';
import { useParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { SubmissionEditor } from '../../modules/submissions/components/SubmissionEditor';
import { usePreviousReport } from '../../modules/submissions/hooks/usePreviousReport';
import {
  type SubmissionDetail,
  useSubmission,
} from '../../modules/submissions/hooks/useSubmission';
import { reportFromVersion } from '../../modules/submissions/utils/report-from-version';

/** Reads the stored report once per generation; autosaves do not reset what the user is typing. */
function EditorHost({
  submission,
  replaced,
  onReplaced,
}: {
  submission: SubmissionDetail;
  /** The report an upload just replaced: what the file changed is highlighted to confirm. */
  replaced: AnnualReport | null;
  onReplaced: (before: AnnualReport) => void;
}) {
  const { t } = useI18n();
  const [loaded] = useState(() =>
    reportFromVersion(submission.currentVersion?.report, submission.round, submission.organization),
  );
  const [toConfirm] = useState(() =>
    replaced ? changedCells(replaced, loaded.report) : new Set<string>(),
  );
  const previous = usePreviousReport(submission.organizationId, submission.round.year);
  return (
    <>
      {loaded.problem && (
        <p role="alert">{t('submission.unreadable', { message: loaded.problem })}</p>
      )}
      <div className="toolbar" title={t('submission.templateHint')}>
        <a
          className="btn btn-secondary btn-sm"
          href={`/api/templates/${loaded.report.template}.xlsx?year=${submission.round.year}`}
          download
          data-testid="download-template"
        >
          {t('submission.downloadTemplate')}
        </a>
        {submission.currentVersion && (
          <a
            className="btn btn-ghost btn-sm"
            href={`/api/templates/${loaded.report.template}.xlsx?submissionId=${encodeURIComponent(submission.id)}`}
            download
          >
            {t('submission.downloadFilled')}
          </a>
        )}
      </div>
      <SubmissionEditor
        submission={submission}
        initial={loaded.report}
        previous={previous}
        toConfirm={toConfirm}
        onReplaced={onReplaced}
      />
    </>
  );
}

export default function SubmissionPage() {
  const { id = '' } = useParams();
  const { t, errorText } = useI18n();
  const { submission, loading, error, refetch } = useSubmission(id);
  const [generation, setGeneration] = useState(0);
  const [replaced, setReplaced] = useState<AnnualReport | null>(null);
  if (loading) return <p>{t('common.loading')}</p>;
  if (error || !submission)
    return <p role="alert">{error ? errorText(error) : t('error.code.NOT_FOUND')}</p>;
  return (
    <EditorHost
      key={`${id}-${generation}`}
      submission={submission}
      replaced={replaced}
      onReplaced={async (before) => {
        await refetch();
        setReplaced(before);
        setGeneration((g) => g + 1);
      }}
    />
  );
}
