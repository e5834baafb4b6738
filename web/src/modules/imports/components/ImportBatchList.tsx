import { useI18n } from '../../../app/i18n';
import { Badge } from '../../../ui/Badge';
import { Card } from '../../../ui/Card';
import { LoadMore } from '../../../ui/LoadMore';
import { Table } from '../../../ui/Table';
import { useImportBatches } from '../hooks/useImportBatches';

/** Earlier batches of the caller's scope, newest first; one opens in the view above. */
export function ImportBatchList({
  selected,
  onSelect,
}: {
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const { t, errorText, formatDate, formatNumber } = useI18n();
  const { nodes, hasMore, loading, error, loadMore } = useImportBatches();
  type Row = (typeof nodes)[number];
  return (
    <Card title={t('importBatch.list.title')}>
      {error && <p role="alert">{errorText(error)}</p>}
      <Table<Row>
        caption={t('importBatch.list.title')}
        hideCaption
        rows={nodes}
        rowKey={(b) => b.id}
        rowClassName={(b) => (b.id === selected ? 'row-selected' : undefined)}
        empty={loading ? t('common.loading') : t('importBatch.list.empty')}
        columns={[
          {
            key: 'when',
            header: t('importBatch.list.when'),
            render: (b) => (
              <button type="button" className="link-button" onClick={() => onSelect(b.id)}>
                {formatDate(b.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
              </button>
            ),
          },
          { key: 'region', header: t('importBatch.list.region'), render: (b) => b.scopeName },
          { key: 'year', header: t('importBatch.list.year'), render: (b) => String(b.year) },
          {
            key: 'progress',
            header: t('importBatch.list.progress'),
            align: 'right',
            render: (b) => `${formatNumber(b.counts.done)} / ${formatNumber(b.total)}`,
          },
          {
            key: 'status',
            header: t('importBatch.list.status'),
            render: (b) => (
              <Badge
                tone={b.status === 'RUNNING' ? 'info' : b.status === 'DONE' ? 'ok' : 'neutral'}
              >
                {t(`importBatch.batchStatus.${b.status}`)}
              </Badge>
            ),
          },
        ]}
      />
      <LoadMore
        hasMore={hasMore}
        loading={loading}
        onLoadMore={loadMore}
        label={t('importBatch.table.more')}
      />
    </Card>
  );
}
