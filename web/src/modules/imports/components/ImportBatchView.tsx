import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../app/i18n';
import type { ImportBatchQuery, ImportItemStatus } from '../../../generated/graphql';
import { Badge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { Card } from '../../../ui/Card';
import { Dialog } from '../../../ui/Dialog';
import { LoadMore } from '../../../ui/LoadMore';
import { ProgressBar } from '../../../ui/ProgressBar';
import { Table } from '../../../ui/Table';
import {
  POLL_MS,
  useCancelImportBatch,
  useImportBatch,
  useResolveImportItem,
} from '../hooks/useImportBatches';
import { COUNT_FIELD, ITEM_STATUSES, type ItemStatus, STATUS_TONE } from '../utils/import-status';

type Batch = NonNullable<ImportBatchQuery['importBatch']>;
type Item = Batch['items']['edges'][number]['node'];

/** A batch: its progress (polled while it runs), counts, and the result table with the choices. */
export function ImportBatchView({
  batchId,
  onFinished,
}: {
  batchId: string;
  /** Called when the batch stops running while the page shows it. */
  onFinished?: () => void;
}) {
  const { t, has, errorText, formatNumber } = useI18n();
  const [filter, setFilter] = useState<ItemStatus | 'ALL'>('ALL');
  const statuses = filter === 'ALL' ? null : ([filter] as ImportItemStatus[]);
  const { batch, loading, error, running, startPolling, stopPolling, loadMore, refetch } =
    useImportBatch(batchId, statuses);
  const [cancel, cancelState] = useCancelImportBatch();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const wasRunning = useRef(false);
  useEffect(() => {
    if (running) startPolling(POLL_MS);
    else stopPolling();
    return () => stopPolling();
  }, [running, startPolling, stopPolling]);
  useEffect(() => {
    if (running) wasRunning.current = true;
    else if (wasRunning.current) {
      wasRunning.current = false;
      onFinished?.();
    }
  }, [running, onFinished]);

  if (error) return <p role="alert">{errorText(error)}</p>;
  if (!batch) return <p className="muted">{loading ? t('common.loading') : ''}</p>;

  const reason = (item: Item) => {
    if (!item.reasonKey) return '';
    const key = `error.${item.reasonKey}`;
    return has(key)
      ? t(key, (item.reasonParams ?? {}) as Record<string, string | number>)
      : t('importBatch.reason.other');
  };
  const items = batch.items.edges.map((e) => e.node);
  const c = batch.counts;
  const doCancel = async () => {
    setMessage(null);
    try {
      await cancel({ variables: { id: batch.id } });
      setConfirmCancel(false);
      await refetch();
    } catch (e) {
      setConfirmCancel(false);
      setMessage(errorText(e));
    }
  };

  return (
    <Card
      title={t('importBatch.view.title', { region: batch.scopeName, year: batch.year })}
      actions={
        running ? (
          <Button variant="danger" size="sm" onClick={() => setConfirmCancel(true)}>
            {t('importBatch.cancel')}
          </Button>
        ) : (
          <Badge tone={batch.status === 'DONE' ? 'ok' : 'neutral'}>
            {t(`importBatch.batchStatus.${batch.status}`)}
          </Badge>
        )
      }
    >
      <ProgressBar
        label={running ? t('importBatch.progress.running') : t('importBatch.progress.done')}
        value={c.done}
        max={batch.total}
        valueText={t('importBatch.progress.value', {
          done: formatNumber(c.done),
          total: formatNumber(batch.total),
        })}
        tone={running ? 'info' : 'ok'}
      />
      <div className="toolbar import-counts" role="group" aria-label={t('importBatch.filter')}>
        <Button
          size="sm"
          variant={filter === 'ALL' ? 'primary' : 'secondary'}
          aria-pressed={filter === 'ALL'}
          onClick={() => setFilter('ALL')}
        >
          {t('importBatch.filterAll', { count: formatNumber(batch.total) })}
        </Button>
        {ITEM_STATUSES.filter((s) => c[COUNT_FIELD[s]] > 0 || s === 'NEEDS_CHOICE').map((s) => (
          <Button
            key={s}
            size="sm"
            variant={filter === s ? 'primary' : 'secondary'}
            aria-pressed={filter === s}
            onClick={() => setFilter(s)}
          >
            {t(`importBatch.status.${s}`)} {formatNumber(c[COUNT_FIELD[s]])}
          </Button>
        ))}
      </div>
      {message && <p role="alert">{message}</p>}
      <Table<Item>
        caption={t('importBatch.table.caption')}
        hideCaption
        rows={items}
        rowKey={(i) => i.id}
        testId="import-items"
        empty={loading ? t('common.loading') : t('importBatch.table.empty')}
        columns={[
          {
            key: 'file',
            header: t('importBatch.table.file'),
            render: (i) => <span className="import-file">{i.fileName}</span>,
          },
          {
            key: 'status',
            header: t('importBatch.table.status'),
            render: (i) => (
              <Badge tone={STATUS_TONE[i.status as ItemStatus]}>
                {t(`importBatch.status.${i.status as ItemStatus}`)}
              </Badge>
            ),
          },
          {
            key: 'read',
            header: t('importBatch.table.readName'),
            render: (i) => i.readName ?? '—',
          },
          {
            key: 'body',
            header: t('importBatch.table.body'),
            render: (i) =>
              i.status === 'NEEDS_CHOICE' ? (
                <ChooseBody item={i} onStored={() => void refetch()} />
              ) : (
                (i.organizationName ?? '—')
              ),
          },
          {
            key: 'reason',
            header: t('importBatch.table.reason'),
            render: (i) => <span title={i.reasonKey ?? undefined}>{reason(i) || '—'}</span>,
          },
        ]}
      />
      <LoadMore
        hasMore={batch.items.pageInfo.hasNextPage}
        loading={loading}
        onLoadMore={loadMore}
        label={t('importBatch.table.more')}
      />
      <Dialog
        open={confirmCancel}
        title={t('importBatch.cancelConfirm.title')}
        onClose={() => setConfirmCancel(false)}
        closeLabel={t('common.close')}
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirmCancel(false)}>
              {t('common.cancel')}
            </Button>
            <Button variant="danger" busy={cancelState.loading} onClick={() => void doCancel()}>
              {t('importBatch.cancelConfirm.confirm')}
            </Button>
          </>
        }
      >
        <p>
          {t('importBatch.cancelConfirm.body', {
            pending: formatNumber(c.pending),
            stored: formatNumber(c.stored),
          })}
        </p>
      </Dialog>
    </Card>
  );
}

/** The pick for a file that needs a choice: one of the candidates (or, if none, no pick here). */
function ChooseBody({ item, onStored }: { item: Item; onStored: () => void }) {
  const { t, errorText } = useI18n();
  const [resolve, state] = useResolveImportItem();
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const candidates = item.candidates ?? [];
  if (candidates.length === 0) return <span className="muted">{t('importBatch.choose.none')}</span>;
  const store = async () => {
    setError(null);
    try {
      await resolve({ variables: { input: { itemId: item.id, organizationId: choice } } });
      onStored();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <span className="inline-field">
      <select
        aria-label={t('importBatch.choose.label', { file: item.fileName })}
        value={choice}
        onChange={(e) => setChoice(e.target.value)}
      >
        <option value="">{t('importBatch.choose.placeholder')}</option>
        {candidates.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <Button size="sm" disabled={!choice} busy={state.loading} onClick={() => void store()}>
        {t('importBatch.choose.store')}
      </Button>
      {error && <span role="alert">{error}</span>}
    </span>
  );
}
