import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { Badge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { Card } from '../../../ui/Card';
import { Dialog } from '../../../ui/Dialog';
import { LoadMore } from '../../../ui/LoadMore';
import { Table } from '../../../ui/Table';
import { useDebounced } from '../../../ui/useDebounced';
import { useRemindBodies } from '../hooks/useRemindBodies';
import { RemindMessageField, remindMessageTooLong } from './RemindMessageField';

type Result = {
  reminded: number;
  skippedQuiet: number;
  skippedSubmitted: number;
  quietHours: number;
};

/** 催报: bodies under the node that have not submitted; select some and remind them. */
export function RemindBodiesCard({ roundId, nodeId }: { roundId: string; nodeId: string }) {
  const { t, formatDate, errorText } = useI18n();
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search);
  const list = useRemindBodies(roundId, nodeId, debounced);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const tooLong = remindMessageTooLong(message);
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <Card title={t('remind.title')}>
      <div data-testid="remind-card">
        <div className="toolbar">
          <input
            type="search"
            value={search}
            placeholder={t('remind.search')}
            aria-label={t('remind.search')}
            onChange={(e) => setSearch(e.target.value)}
          />
          {!(list.loading && list.nodes.length === 0) && (
            <span className="muted" data-testid="remind-count">
              {t('remind.count', { count: list.totalCount })}
            </span>
          )}
        </div>
        {list.error && <p role="alert">{errorText(list.error)}</p>}
        <Table
          caption={t('remind.title')}
          hideCaption
          testId="remind-table"
          rows={list.nodes}
          rowKey={(r) => r.organizationId}
          empty={<p className="muted">{list.loading ? t('common.loading') : t('remind.none')}</p>}
          selection={{
            selected,
            onToggle: toggle,
            onToggleAll: (all) =>
              setSelected(all ? new Set(list.nodes.map((n) => n.organizationId)) : new Set()),
            label: (r) => t('remind.select', { name: r.name }),
            allLabel: t('remind.selectAll'),
          }}
          columns={[
            { key: 'name', header: t('remind.body'), render: (r) => r.name },
            {
              key: 'deadline',
              header: t('remind.deadline'),
              render: (r) => (
                <>
                  {formatDate(r.deadline)}{' '}
                  {r.late ? (
                    <Badge tone="error">{t('remind.late')}</Badge>
                  ) : (
                    <Badge tone="warn">{t('remind.missing')}</Badge>
                  )}
                </>
              ),
            },
            {
              key: 'last',
              header: t('remind.lastReminded'),
              render: (r) =>
                r.lastRemindedAt
                  ? formatDate(r.lastRemindedAt, { dateStyle: 'medium', timeStyle: 'short' })
                  : '—',
            },
          ]}
        />
        <LoadMore
          hasMore={list.hasMore}
          loading={list.loading}
          onLoadMore={list.loadMore}
          label={t('inbox.loadMore')}
        />
        <RemindMessageField
          message={message}
          onChange={setMessage}
          rows={2}
          testId="remind-message"
        />
        <div className="toolbar">
          <Button
            variant="primary"
            disabled={selected.size === 0 || tooLong}
            busy={list.sending}
            onClick={() => {
              setResult(null);
              setFailure(null);
              setConfirming(true);
            }}
            data-testid="remind-send"
          >
            {t('remind.send', { count: selected.size })}
          </Button>
        </div>
        {result && (
          <p role="status" data-testid="remind-result">
            {t('remind.done', { count: result.reminded })}
            {result.skippedQuiet > 0 &&
              ` ${t('remind.skippedQuiet', { count: result.skippedQuiet, hours: result.quietHours })}`}
            {result.skippedSubmitted > 0 &&
              ` ${t('remind.skippedSubmitted', { count: result.skippedSubmitted })}`}
          </p>
        )}
        {failure !== null && <p role="alert">{errorText(failure)}</p>}
      </div>
      <Dialog
        open={confirming}
        title={t('remind.confirmTitle')}
        onClose={() => setConfirming(false)}
        closeLabel={t('common.close')}
        footer={
          <>
            <Button onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
            <Button
              variant="primary"
              busy={list.sending}
              data-testid="remind-confirm"
              onClick={async () => {
                try {
                  setResult(await list.remind([...selected], message));
                  setSelected(new Set());
                  setMessage('');
                } catch (error) {
                  setFailure(error);
                }
                setConfirming(false);
              }}
            >
              {t('remind.send', { count: selected.size })}
            </Button>
          </>
        }
      >
        <p>{t('remind.confirm', { count: selected.size })}</p>
        <ul>
          {list.nodes
            .filter((n) => selected.has(n.organizationId))
            .slice(0, 10)
            .map((n) => (
              <li key={n.organizationId}>{n.name}</li>
            ))}
        </ul>
        {message.trim() && (
          <p className="muted">{t('notification.message', { message: message.trim() })}</p>
        )}
      </Dialog>
    </Card>
  );
}
