import { useI18n } from '../../../app/i18n';
import { Card } from '../../../ui/Card';
import { useRoundParam } from '../../rounds/hooks/useRoundParam';
import { useStaffingRoster } from '../hooks/useStaffingRoster';
import { RosterView } from './RosterView';

/** The roster on the organization page, for the round chosen in the URL (or the newest). */
export function OrganizationRoster({ organizationId }: { organizationId: string }) {
  const { t, errorText } = useI18n();
  const { roundId } = useRoundParam();
  const { roster, loading, error } = useStaffingRoster(organizationId, roundId);
  return (
    <Card title={t('roster.title')}>
      {loading && <p>{t('common.loading')}</p>}
      {error && <p role="alert">{errorText(error)}</p>}
      {roster && <RosterView roster={roster} />}
    </Card>
  );
}
