import { useState } from 'react';
import { useParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { useViewer } from '../../modules/auth/hooks/useViewer';
import { ReviewWorkspace } from '../../modules/review/components/ReviewWorkspace';
import { usePreviousReport } from '../../modules/submissions/hooks/usePreviousReport';
import { useSubmission } from '../../modules/submissions/hooks/useSubmission';
import { reportFromVersion } from '../../modules/submissions/utils/report-from-version';

export default function ReviewSubmissionPage() {
  const { id = '' } = useParams();
  const { t, errorText } = useI18n();
  const { can } = useViewer();
  const { submission, loading, error, refetch } = useSubmission(id);
  const previous = usePreviousReport(submission?.organizationId, submission?.round.year);
  const [done, setDone] = useState(0);
  if (loading) return <p>{t('common.loading')}</p>;
  if (error || !submission)
    return <p role="alert">{error ? errorText(error) : t('error.code.NOT_FOUND')}</p>;
  const version = submission.submittedVersion ?? submission.currentVersion;
  const { report } = reportFromVersion(version?.report, submission.round, submission.organization);
  return (
    <ReviewWorkspace
      key={`${version?.id ?? 'none'}-${done}`}
      submission={submission}
      report={report}
      previous={previous}
      canDecide={can('review.decide')}
      canPublish={can('submission.publish')}
      onDone={() => {
        setDone((d) => d + 1);
        void refetch();
      }}
    />
  );
}
