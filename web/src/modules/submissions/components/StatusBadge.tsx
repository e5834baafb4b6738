import { useI18n } from '../../../app/i18n';
import type { SubmissionStatus } from '../../../generated/graphql';
import { Badge, type Tone } from '../../../ui/Badge';

const TONES: Record<SubmissionStatus, Tone> = {
  DRAFT: 'neutral',
  SUBMITTED: 'info',
  RESUBMITTED: 'info',
  RETURNED: 'warn',
  APPROVED: 'ok',
  PUBLISHED: 'ok',
};

export function StatusBadge({ status }: { status: SubmissionStatus | null | undefined }) {
  const { t } = useI18n();
  if (!status) return <Badge tone="neutral">{t('status.NOT_STARTED')}</Badge>;
  return <Badge tone={TONES[status]}>{t(`status.${status}`)}</Badge>;
}
