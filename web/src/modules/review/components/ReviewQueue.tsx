import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n';
import { useViewer } from '../../auth/hooks/useViewer';
import { Badge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { LoadMore } from '../../../ui/LoadMore';
import { Table } from '../../../ui/Table';
import { Tabs } from '../../../ui/Tabs';
import { useToast } from '../../../ui/Toast';
import { StatusBadge } from '../../submissions/components/StatusBadge';
import { BULK_LIMIT, type QueueEntry, QUEUE_PAGE, useReviewQueue } from '../hooks/useReviewQueue';
import { namedFew } from '../utils/named-few';
import { QueueRemind, remindable } from './QueueRemind';
import {
  AWAITING,
  type QueueFilters,
  type QueueTab,
  QUEUE_TABS,
  statusParam,
} from '../utils/queue-filters';
import { formatShanghaiMinute } from '@gongkai/report-model';

type Props = {
  roundId: string;
  filters: QueueFilters;
  search: string;
  setParams: (changes: Record<string, string | null>) => void;
};

/** The viewer may approve it now (the server says so: waiting, not their own office's). */
const approvable = (e: QueueEntry) => e.decidable && !!e.submission;

/**
 * Every body of the round in the viewer's scope, a page at a time, with tabs per status (and
 * their counts under the other filters), bulk approval of the selected reports and 催报 to the
 * selected bodies that have not submitted, each after a confirmation that names them.
 */
export function ReviewQueue({ roundId, filters, search, setParams }: Props) {
  const { t, errorText, formatNumber } = useI18n();
  const toast = useToast();
  const queue = useReviewQueue(roundId, filters, search);
  const canRemind = useViewer().can('notification.remind');
  /** A row takes part in a selection: to approve it, or to remind its body. */
  const selectable = (e: QueueEntry) => approvable(e) || (canRemind && remindable(e));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  /** Every matching report the viewer may decide, once "select all matching" was used. */
  const [everything, setEverything] = useState<readonly QueueEntry[] | null>(null);
  const [gathering, setGathering] = useState(false);
  const chosen = everything ?? queue.nodes.filter((e) => approvable(e) && selected.has(e.id));
  const toRemind = everything ? [] : queue.nodes.filter((e) => remindable(e) && selected.has(e.id));
  const awaitingMatching = (filters.statuses.length ? filters.statuses : [...AWAITING])
    .filter((s) => AWAITING.includes(s))
    .reduce((n, s) => n + (queue.counts.get(s) ?? 0), 0);
  const loadedApprovable = queue.nodes.filter(approvable).length;
  const selectEverything = async () => {
    setGathering(true);
    try {
      const all = await queue.decidableMatching();
      if (all.length > BULK_LIMIT) {
        toast.show(t('queue.tooMany', { max: BULK_LIMIT }), 'error');
        return;
      }
      setEverything(all);
      setSelected(new Set(all.map((e) => e.id)));
    } catch (e) {
      toast.show(errorText(e), 'error');
    } finally {
      setGathering(false);
    }
  };
  const few = namedFew(chosen.map((e) => e.organization.name));
  const countOf = (tab: (typeof QUEUE_TABS)[number]) =>
    tab.statuses.length === 0
      ? [...queue.counts.values()].reduce((n, c) => n + c, 0)
      : tab.statuses.reduce((n, s) => n + (queue.counts.get(s) ?? 0), 0);
  const tabLabel = (tab: (typeof QUEUE_TABS)[number]) =>
    tab.id === 'awaiting' || tab.id === 'all' ? t(`queue.tab.${tab.id}`) : t(`status.${tab.id}`);
  const tabs: { id: QueueTab; label: string }[] = QUEUE_TABS.map((tab) => ({
    id: tab.id,
    label: t('queue.tabCount', {
      label: tabLabel(tab),
      count: queue.connection ? formatNumber(countOf(tab)) : '…',
    }),
  }));
  if (filters.tab === 'custom')
    tabs.push({
      id: 'custom',
      label: t('queue.tabCount', {
        label: filters.statuses.map((s) => t(`status.${s}`)).join(' + '),
        count: formatNumber(filters.statuses.reduce((n, s) => n + (queue.counts.get(s) ?? 0), 0)),
      }),
    });
  const left = queue.totalCount - queue.nodes.length;

  const approve = async () => {
    try {
      await queue.bulkApprove(chosen);
      toast.show(t('queue.approved', { count: chosen.length }), 'ok');
      setSelected(new Set());
      setEverything(null);
      setConfirming(false);
    } catch (e) {
      setConfirming(false);
      toast.show(errorText(e), 'error');
    }
  };

  const table = (
    <>
      <div className="toolbar">
        <span className="muted" role="status" data-testid="queue-count">
          {t('queue.shown', {
            shown: formatNumber(queue.nodes.length),
            total: formatNumber(queue.totalCount),
          })}
        </span>
        <span className="muted small">
          {everything
            ? t('queue.selectedAll', { count: chosen.length })
            : canRemind
              ? t('queue.selectionHintRemind', { count: chosen.length, remind: toRemind.length })
              : t('queue.selectionHint', { count: chosen.length })}
        </span>
        {!everything && awaitingMatching > loadedApprovable && (
          <Button
            variant="ghost"
            busy={gathering}
            onClick={() => void selectEverything()}
            data-testid="queue-select-all-matching"
          >
            {t('queue.selectAllMatching')}
          </Button>
        )}
        <Button
          variant="primary"
          disabled={chosen.length === 0}
          busy={queue.approving}
          onClick={() => setConfirming(true)}
          data-testid="queue-bulk-approve"
        >
          {t('queue.bulkApprove', { count: chosen.length })}
        </Button>
        {canRemind && (
          <QueueRemind
            roundId={roundId}
            entries={toRemind}
            onSent={() =>
              setSelected((s) => new Set([...s].filter((id) => !toRemind.some((e) => e.id === id))))
            }
          />
        )}
      </div>
      {queue.error && <p role="alert">{errorText(queue.error)}</p>}
      {queue.loading && !queue.connection ? (
        <p>{t('common.loading')}</p>
      ) : (
        <Table
          caption={t('review.queue')}
          hideCaption
          rows={queue.nodes}
          rowKey={(e) => e.id}
          empty={t('queue.empty')}
          testId="review-queue"
          selection={{
            selected,
            onToggle: (id) => {
              setEverything(null);
              setSelected((s) => {
                const next = new Set(s);
                if (next.has(id)) next.delete(id);
                else if (queue.nodes.some((e) => e.id === id && selectable(e))) next.add(id);
                return next;
              });
            },
            onToggleAll: (all) => {
              setEverything(null);
              setSelected(
                all ? new Set(queue.nodes.filter(selectable).map((e) => e.id)) : new Set(),
              );
            },
            label: (e) => t('queue.select', { name: e.organization.name }),
            allLabel: canRemind ? t('queue.selectAllWithRemind') : t('queue.selectAll'),
            selectable,
          }}
          columns={[
            {
              key: 'body',
              header: t('queue.col.body'),
              render: (e) =>
                e.submission ? (
                  <Link to={`/review/${e.submission.id}`} title={e.organization.code}>
                    {e.organization.name}
                  </Link>
                ) : (
                  <span title={t('queue.notStartedHint')}>{e.organization.name}</span>
                ),
            },
            {
              key: 'status',
              header: t('queue.col.status'),
              render: (e) => <StatusBadge status={e.submission?.status ?? null} />,
            },
            {
              key: 'deadline',
              header: t('queue.col.deadline'),
              render: (e) => (
                <span className="nowrap">
                  {e.deadline}
                  {e.extended && (
                    <>
                      {' '}
                      <Badge tone="info" title={t('queue.extendedHint')}>
                        {t('queue.extended')}
                      </Badge>
                    </>
                  )}
                </span>
              ),
            },
            {
              key: 'submitted',
              header: t('queue.col.submitted'),
              render: (e) => (
                <span className="nowrap">
                  {e.lastSubmittedAt ? formatShanghaiMinute(e.lastSubmittedAt) : '—'}
                </span>
              ),
            },
            {
              key: 'waiting',
              header: t('queue.col.waiting'),
              align: 'right',
              render: (e) =>
                e.waitingDays === null || e.waitingDays === undefined
                  ? '—'
                  : t('queue.waitingDays', { count: formatNumber(e.waitingDays) }),
            },
            {
              key: 'findings',
              header: t('queue.col.findings'),
              align: 'right',
              render: (e) => (e.submission ? formatNumber(e.findingCount) : '—'),
            },
            {
              key: 'late',
              header: t('queue.col.late'),
              render: (e) =>
                e.late ? (
                  <Badge tone="error">
                    {e.submission?.status && e.status !== 'DRAFT'
                      ? t('queue.lateFiled')
                      : t('queue.lateMissing')}
                  </Badge>
                ) : null,
            },
          ]}
        />
      )}
      <LoadMore
        hasMore={queue.hasMore}
        loading={queue.loading}
        onLoadMore={queue.loadMore}
        label={t('queue.loadMore', {
          count: formatNumber(Math.min(QUEUE_PAGE, left)),
          left: formatNumber(left),
        })}
      />
    </>
  );

  return (
    <div className="review-queue">
      <Tabs
        label={t('queue.tabs')}
        tabs={tabs.map((tab) => ({ ...tab, content: tab.id === filters.tab ? table : null }))}
        selected={filters.tab}
        onSelect={(id) => {
          if (id === 'custom') return;
          setSelected(new Set());
          setParams({ status: statusParam(id as Exclude<QueueTab, 'custom'>) });
        }}
      />
      <Dialog
        open={confirming}
        title={t('queue.confirm.title', { count: chosen.length })}
        onClose={() => setConfirming(false)}
        closeLabel={t('common.close')}
        footer={
          <>
            <Button onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
            <Button
              variant="primary"
              busy={queue.approving}
              onClick={() => void approve()}
              data-testid="queue-confirm-approve"
            >
              {t('queue.confirm.ok', { count: chosen.length })}
            </Button>
          </>
        }
      >
        <p data-testid="queue-confirm-names">
          {few.more
            ? t('queue.confirm.namesMore', { names: few.names, count: few.count })
            : t('queue.confirm.names', { names: few.names })}
        </p>
        <p>{t('queue.confirm.consequence')}</p>
      </Dialog>
    </div>
  );
}
