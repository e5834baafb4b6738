import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Badge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { useToast } from '../../../ui/Toast';
import { useSnapshots } from '../hooks/useRanking';

type Props = {
  roundId: string | undefined;
  regionId: string | undefined;
  peerGroup?: string;
  /** Bodies in the population shown (and how many of them are ranked), for the confirmation. */
  populationCount?: number;
  rankedCount?: number;
  selected?: string;
  onSelect: (snapshotId: string | null) => void;
};

type Snapshot = ReturnType<typeof useSnapshots>['snapshots'][number];
type Pending =
  | { kind: 'freeze' }
  | { kind: 'publish'; snapshot: Snapshot }
  | { kind: 'delete'; snapshot: Snapshot };

/**
 * Freeze the ranking as it stands, publish a frozen one, delete one never published, or read
 * one instead of live data. Each of the three asks first, naming the population and how many.
 */
export function SnapshotsPanel({
  roundId,
  regionId,
  peerGroup,
  populationCount,
  rankedCount,
  selected,
  onSelect,
}: Props) {
  const { t, formatDate, formatNumber, errorText } = useI18n();
  const toast = useToast();
  const { snapshots, freeze, freezing, publish, publishing, remove, deleting } = useSnapshots(
    roundId,
    regionId,
  );
  const [pending, setPending] = useState<Pending | null>(null);
  const population = (peer: string | null | undefined) =>
    peer ? t('ranking.population.peer', { peer }) : t('ranking.population.all');
  const when = (iso: string) => formatDate(iso, { dateStyle: 'short', timeStyle: 'short' });

  const run = async (action: Pending) => {
    try {
      if (action.kind === 'freeze') {
        const s = await freeze({ roundId: roundId ?? '', regionId: regionId ?? '', peerGroup });
        if (s) {
          toast.show(t('ranking.frozen', { title: s.title }), 'ok');
          onSelect(s.id);
        }
      } else if (action.kind === 'publish') {
        await publish(action.snapshot.id);
        toast.show(t('ranking.published', { title: action.snapshot.title }), 'ok');
      } else {
        await remove(action.snapshot.id);
        if (selected === action.snapshot.id) onSelect(null);
        toast.show(t('ranking.deleted', { title: action.snapshot.title }), 'ok');
      }
      setPending(null);
    } catch (e) {
      setPending(null);
      toast.show(errorText(e), 'error');
    }
  };

  const dialog = pending && {
    title: t(
      pending.kind === 'freeze'
        ? 'ranking.freezeTitle'
        : pending.kind === 'publish'
          ? 'ranking.publishTitle'
          : 'ranking.deleteTitle',
    ),
    text:
      pending.kind === 'freeze'
        ? t('ranking.freezeConfirm', {
            population: population(peerGroup),
            count: formatNumber(populationCount ?? 0),
            ranked: formatNumber(rankedCount ?? 0),
          })
        : pending.kind === 'publish'
          ? t('ranking.publishConfirm', {
              title: pending.snapshot.title,
              population: population(pending.snapshot.peerGroup),
              count: formatNumber(pending.snapshot.entryCount),
            })
          : t('ranking.deleteConfirm', {
              title: pending.snapshot.title,
              count: formatNumber(pending.snapshot.entryCount),
              date: when(pending.snapshot.createdAt),
            }),
    action: t(
      pending.kind === 'freeze'
        ? 'ranking.freezeDo'
        : pending.kind === 'publish'
          ? 'ranking.publishDo'
          : 'ranking.deleteDo',
    ),
  };

  return (
    <div className="snapshots" data-testid="snapshots">
      <div className="toolbar">
        <Button
          variant="primary"
          busy={freezing}
          disabled={!roundId || !regionId || populationCount === undefined}
          onClick={() => setPending({ kind: 'freeze' })}
          data-testid="freeze"
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
              <span className="muted">{when(s.createdAt)}</span>{' '}
              {s.status === 'FROZEN' && (
                <>
                  <Button
                    size="sm"
                    variant="ghost"
                    busy={publishing}
                    onClick={() => setPending({ kind: 'publish', snapshot: s })}
                  >
                    {t('ranking.publish')}
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    busy={deleting}
                    onClick={() => setPending({ kind: 'delete', snapshot: s })}
                    data-testid="delete-snapshot"
                  >
                    {t('ranking.deleteSnapshot')}
                  </Button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {dialog && pending && (
        <Dialog
          open
          title={dialog.title}
          onClose={() => setPending(null)}
          closeLabel={t('common.close')}
          footer={
            <>
              <Button onClick={() => setPending(null)}>{t('common.cancel')}</Button>
              <Button
                variant={pending.kind === 'delete' ? 'danger' : 'primary'}
                busy={freezing || publishing || deleting}
                onClick={() => void run(pending)}
                data-testid="confirm-snapshot"
              >
                {dialog.action}
              </Button>
            </>
          }
        >
          <p data-testid="snapshot-confirm-text">{dialog.text}</p>
        </Dialog>
      )}
    </div>
  );
}
