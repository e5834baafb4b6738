import { useI18n, type MessageKey } from '../../../app/i18n';
import { Badge, type Tone } from '../../../ui/Badge';
import { Card } from '../../../ui/Card';
import { LoadMore } from '../../../ui/LoadMore';
import { Table } from '../../../ui/Table';
import { useDeliveryLog, useJobsStatus } from '../hooks/useDeliveryLog';

const TONE: Record<string, Tone> = {
  SENT: 'ok',
  FAILED: 'error',
  RETRYING: 'warn',
  PENDING: 'info',
};

/** Admins: the e-mail delivery log and the job queues with their last runs. */
export function DeliveryLogCard() {
  const { t, formatDate, errorText } = useI18n();
  const log = useDeliveryLog();
  const { jobs, error: jobsError } = useJobsStatus();
  const when = (v: string | null) =>
    v ? formatDate(v, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
  return (
    <>
      <Card title={t('jobs.title')}>
        {jobsError && <p role="alert">{errorText(jobsError)}</p>}
        {jobs && (
          <>
            <p className="muted">
              {jobs.running ? t('jobs.running') : t('jobs.notRunning')} ·{' '}
              {jobs.mailEnabled ? t('jobs.mailOn') : t('jobs.mailOff')}
            </p>
            <Table
              caption={t('jobs.title')}
              hideCaption
              testId="jobs-table"
              rows={jobs.queues}
              rowKey={(q) => q.name}
              columns={[
                {
                  key: 'name',
                  header: t('jobs.queue'),
                  render: (q) => (
                    <span title={q.name}>{t(`jobs.queue.${q.name}` as MessageKey)}</span>
                  ),
                },
                {
                  key: 'schedule',
                  header: t('jobs.schedule'),
                  render: (q) => (q.schedule ? t('jobs.hourly') : '—'),
                },
                {
                  key: 'queued',
                  header: t('jobs.queued'),
                  render: (q) => q.queued,
                  align: 'right',
                },
                {
                  key: 'failed',
                  header: t('jobs.failed'),
                  render: (q) => q.failed,
                  align: 'right',
                },
                { key: 'last', header: t('jobs.lastRun'), render: (q) => when(q.lastRunAt) },
              ]}
            />
          </>
        )}
      </Card>
      <Card title={t('deliveries.title')}>
        {log.error && <p role="alert">{errorText(log.error)}</p>}
        <p className="muted">{t('deliveries.count', { count: log.totalCount })}</p>
        <Table
          caption={t('deliveries.title')}
          hideCaption
          testId="deliveries-table"
          rows={log.nodes}
          rowKey={(d) => d.id}
          empty={<p className="muted">{t('deliveries.none')}</p>}
          columns={[
            { key: 'created', header: t('deliveries.created'), render: (d) => when(d.createdAt) },
            { key: 'recipient', header: t('deliveries.recipient'), render: (d) => d.recipient },
            { key: 'subject', header: t('deliveries.subject'), render: (d) => d.subject },
            {
              key: 'status',
              header: t('deliveries.status'),
              render: (d) => (
                <Badge tone={TONE[d.status] ?? 'neutral'}>
                  {t(`deliveries.status.${d.status}` as MessageKey)}
                </Badge>
              ),
            },
            {
              key: 'attempts',
              header: t('deliveries.attempts'),
              render: (d) => d.attempts,
              align: 'right',
            },
            {
              key: 'reply',
              header: t('deliveries.reply'),
              render: (d) => d.lastError ?? (d.sentAt ? when(d.sentAt) : '—'),
            },
          ]}
        />
        <LoadMore
          hasMore={log.hasMore}
          loading={log.loading}
          onLoadMore={log.loadMore}
          label={t('inbox.loadMore')}
        />
      </Card>
    </>
  );
}
