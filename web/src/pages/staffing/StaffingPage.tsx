import { useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { useViewer } from '../../modules/auth/hooks/useViewer';
import { RoundPicker } from '../../modules/rounds/components/RoundPicker';
import { useRoundParam } from '../../modules/rounds/hooks/useRoundParam';
import { RosterEditor } from '../../modules/staffing/components/RosterEditor';
import { StaffingPanel } from '../../modules/staffing/components/StaffingPanel';

/** A bureau edits its own roster; reviewers and supervisors see their region's staffing. */
export default function StaffingPage() {
  const { t } = useI18n();
  const { viewer, loading, can } = useViewer();
  const { roundId } = useRoundParam();
  const [params] = useSearchParams();
  if (loading) return <p>{t('common.loading')}</p>;
  if (!viewer) return <p role="alert">{t('roster.signIn')}</p>;
  const bureau = viewer.user.role === 'BUREAU';
  const nodeId = params.get('node') ?? viewer.user.organizationId;
  return (
    <div className="page">
      <header className="page-header">
        <h1>{bureau ? t('roster.myTitle') : t('staffingPanel.title')}</h1>
        <p className="muted">{viewer.user.organization.name}</p>
        <RoundPicker />
      </header>
      {roundId &&
        (bureau ? (
          <RosterEditor organizationId={viewer.user.organizationId} roundId={roundId} />
        ) : (
          <StaffingPanel
            roundId={roundId}
            nodeId={nodeId}
            canIncludeNames={can('staffing.exportNames')}
          />
        ))}
    </div>
  );
}
