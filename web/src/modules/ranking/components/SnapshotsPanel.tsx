import { useI18n } from '../../../app/i18n';
import { Badge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { useToast } from '../../../ui/Toast';
import { useSnapshots } from '../hooks/useRanking';

type Props = {
  roundId: string | undefined;
  regionId: string | undefined;
  peerGroup?: string;
  selected?: string;
  onSelect: (snapshotId: string | null) => void;
};

/** Freeze the ranking as it stands, publish a frozen one, or read one instead of live data. */
export function SnapshotsPanel({ roundId, regionId, peerGroup, selected, onSelect }: Props) {
  const { t, formatDate, errorText } = useI18n();
  const toast = useToast();
  const { snapshots, freeze, freezing, publish, publishing } = useSnapshots(roundId, regionId);
  return (
    <div className="snapshots" data-testid="snapshots">
      <div className="toolbar">
        <Button
          variant="primary"
          busy={freezing}
          disabled={!roundId || !regionId}
          onClick={async () => {
            try {
              const s = await freeze({
                roundId: roundId ?? '',
                regionId: regionId ?? '',
                peerGroup,
              });
              if (s) {
                toast.show(t('ranking.frozen', { title: s.title }), 'ok');
                onSelect(s.id);
              }
            } catch (e) {
              toast.show(errorText(e), 'error');
            }
          }}
        >
          {t('ranking.freeze')}
        </Button>
        {selected && (
          <Button size="sm" onClick={() => onSelect(null)}>
            {t('ranking.live')}
          </Button>
        )}
      </div>
      {snapshots.length > 0 && (
        <ul className="snapshot-list">
          {snapshots.map((s) => (
            <li key={s.id} className={s.id === selected ? 'selected' : undefined}>
              <button
                type="button"
                className="link-button"
                onClick={() => onSelect(s.id)}
                aria-pressed={s.id === selected}
              >
                {s.title}
              </button>{' '}
              <Badge tone={s.status === 'PUBLISHED' ? 'ok' : 'info'}>
                {t(`snapshot.${s.status}`)}
              </Badge>{' '}
              {s.stale && (
                <Badge tone="warn" title={s.staleReason ?? undefined}>
                  {t('ranking.stale')}
                </Badge>
              )}{' '}
              <span className="muted">
                {formatDate(s.createdAt, { dateStyle: 'short', timeStyle: 'short' })}
              </span>{' '}
              {s.status === 'FROZEN' && (
                <Button
                  size="sm"
                  variant="ghost"
                  busy={publishing}
                  onClick={() => void publish(s.id)}
                >
                  {t('ranking.publish')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
