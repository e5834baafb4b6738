import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import type { Viewer } from '../../modules/auth/hooks/useViewer';
import { OverviewInsights } from '../../modules/overview/components/OverviewInsights';
import { OverviewProgress } from '../../modules/overview/components/OverviewProgress';
import { RemindBodiesCard } from '../../modules/notifications/components/RemindBodiesCard';
import { useNodePath } from '../../modules/overview/hooks/useNodePath';
import { RoundPicker } from '../../modules/rounds/components/RoundPicker';
import { useRoundParam } from '../../modules/rounds/hooks/useRoundParam';
import { Button } from '../../ui/Button';

/** Reviewer and supervisor landing: the round at a glance for a node (drill down via `?node=`). */
export function OverviewPage({ viewer }: { viewer: Viewer }) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const { roundId } = useRoundParam();
  const home = viewer.user.organizationId;
  const nodeId = params.get('node') ?? home;
  const drilled = useNodePath(nodeId, home);
  const drill = (id: string | null) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (id && id !== home) next.set('node', id);
      else next.delete('node');
      return next;
    });
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('overview.title')}</h1>
        <p className="muted" data-testid="overview-subtitle">
          {drilled.name
            ? t('overview.drilledInto', {
                home: viewer.user.organization.name,
                node: drilled.name,
              })
            : viewer.user.organization.name}
        </p>
      </header>
      <div className="toolbar">
        <RoundPicker />
        {viewer.permissions.includes('rollup.read') && roundId && (
          <Link to={`/rollup/${nodeId}?round=${roundId}`} data-testid="overview-rollup">
            {t('rollup.openRollup')}
          </Link>
        )}
        {nodeId !== home && (
          <Button size="sm" onClick={() => drill(null)}>
            {t('overview.backToTop')}
          </Button>
        )}
      </div>
      <OverviewProgress roundId={roundId} nodeId={nodeId} onDrill={drill} />
      {roundId && viewer.permissions.includes('notification.remind') && (
        <RemindBodiesCard roundId={roundId} nodeId={nodeId} />
      )}
      <OverviewInsights roundId={roundId} nodeId={nodeId} />
    </div>
  );
}
