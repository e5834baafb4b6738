import './snapshots-panel.css';
import { useState } from 'react';
import { RestError } from '../../../app/error-text';
import { useI18n } from '../../../app/i18n';
import { Badge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { ProgressBar } from '../../../ui/ProgressBar';
import { useToast } from '../../../ui/Toast';
import { type FreezeTask, useFreezeTasks } from '../hooks/useFreezeTasks';
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
  | { kind: 'retry'; task: FreezeTask }
  | { kind: 'publish'; snapshot: Snapshot }
  | { kind: 'delete'; snapshot: Snapshot };

/**
 * Freeze the ranking as it stands, publish a frozen one, delete one never published, or read
 * one instead of live data. Each of the three asks first, naming the population and how many.
 * A freeze runs in the background: its progress is shown until the snapshot appears (and is
 * selected), or its failure with the reason and a way to try again.
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
  const { snapshots, refetch, publish, publishing, remove, deleting } = useSnapshots(
    roundId,
    regionId,
  );
  const population = (peer: string | null | undefined) =>
    peer ? t('ranking.population.peer', { peer }) : t('ranking.population.all');
  const when = (iso: string) => formatDate(iso, { dateStyle: 'short', timeStyle: 'short' });
  const failureText = (task: FreezeTask) =>
    errorText(
      new RestError(
        'freeze failed',
        {
          reason: task.failureReason ?? undefined,
          params: (task.failureParams as Record<string, string | number> | null) ?? undefined,
        },
        0,
      ),
    );
  const { tasks, start, starting } = useFreezeTasks(roundId, regionId, (task) => {
    void refetch();
    if (task.status === 'DONE' && task.snapshotId) {
      const title = task.title ?? `${task.regionName}·${population(task.peerGroup)}`;
      toast.show(t('ranking.frozen', { title }), 'ok');
      onSelect(task.snapshotId);
    } else if (task.status === 'FAILED') {
      toast.show(failureText(task), 'error');
    }
  });
  // this population's freeze is running (a second request would only join it)
  const freezing =
    starting ||
    tasks.some((task) => task.status === 'RUNNING' && task.peerGroup === (peerGroup ?? null));
  const [pending, setPending] = useState<Pending | null>(null);

  const run = async (action: Pending) => {
    try {
      if (action.kind === 'freeze' || action.kind === 'retry') {
        const task = await start(
          action.kind === 'freeze'
            ? { roundId: roundId ?? '', regionId: regionId ?? '', peerGroup }
            : {
                roundId: roundId ?? '',
                regionId: action.task.regionId,
                peerGroup: action.task.peerGroup,
                title: action.task.title,
              },
        );
        if (task) toast.show(t('ranking.freezeStarted'), 'info');
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
      pending.kind === 'freeze' || pending.kind === 'retry'
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
        : pending.kind === 'retry'
          ? t('ranking.freezeRetryConfirm', {
              region: pending.task.regionName,
              population: population(pending.task.peerGroup),
              count: formatNumber(
                pending.task.total ??
                  (pending.task.peerGroup === (peerGroup ?? null) ? (populationCount ?? 0) : 0),
              ),
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
      pending.kind === 'freeze' || pending.kind === 'retry'
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
      {tasks.length > 0 && (
        <ul className="freeze-tasks" data-testid="freeze-tasks">
          {tasks.map((task) => (
            <li
              key={task.id}
              className="freeze-task"
              data-testid={task.status === 'RUNNING' ? 'freeze-running' : 'freeze-failed'}
            >
              {task.status === 'RUNNING' ? (
                <ProgressBar
                  label={t('ranking.freezing', {
                    region: task.regionName,
                    population: population(task.peerGroup),
                  })}
                  value={task.written}
                  max={task.total ?? 1}
                  valueText={
                    task.total === null
                      ? t('ranking.freezeReading')
                      : t('ranking.freezeProgress', {
                          written: formatNumber(task.written),
                          total: formatNumber(task.total),
                        })
                  }
                />
              ) : (
                <>
                  <Badge tone="error">{t('ranking.freezeFailed')}</Badge>{' '}
                  <span>
                    {task.regionName}·{population(task.peerGroup)}
                  </span>{' '}
                  <span data-testid="freeze-failure">{failureText(task)}</span>{' '}
                  <span className="muted">{when(task.createdAt)}</span>{' '}
                  <Button
                    size="sm"
                    variant="ghost"
                    busy={starting}
                    onClick={() => setPending({ kind: 'retry', task })}
                    data-testid="freeze-retry"
                  >
                    {t('ranking.freezeRetry')}
                  </Button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
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
                busy={starting || publishing || deleting}
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
