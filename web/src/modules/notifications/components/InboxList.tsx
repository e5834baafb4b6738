import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../../app/i18n';
import { Badge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { LoadMore } from '../../../ui/LoadMore';
import { useInbox } from '../hooks/useInbox';
import { notificationText } from '../utils/notification-text';

/** The inbox: newest first, a page at a time; opening one marks it read and goes to its page. */
export function InboxList() {
  const { t, formatDate, errorText } = useI18n();
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [confirmAll, setConfirmAll] = useState(false);
  const inbox = useInbox(unreadOnly);
  const [failure, setFailure] = useState<unknown>(null);
  const unreadShown = inbox.nodes.filter((n) => !n.readAt).length;
  const open = async (id: string, link: string, read: boolean) => {
    setFailure(null);
    try {
      if (!read) await inbox.markRead([id]);
      void navigate(link);
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <div data-testid="inbox">
      <div className="toolbar">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(e) => setUnreadOnly(e.target.checked)}
          />{' '}
          {t('inbox.unreadOnly')}
        </label>
        <span className="muted">{t('inbox.count', { count: inbox.totalCount })}</span>
        <Button
          size="sm"
          disabled={unreadShown === 0 && !unreadOnly}
          busy={inbox.marking}
          onClick={() => setConfirmAll(true)}
          data-testid="mark-all-read"
        >
          {t('inbox.markAllRead')}
        </Button>
      </div>
      {inbox.error && <p role="alert">{errorText(inbox.error)}</p>}
      {failure !== null && <p role="alert">{errorText(failure)}</p>}
      {inbox.loading && inbox.nodes.length === 0 && <p>{t('common.loading')}</p>}
      {!inbox.loading && inbox.nodes.length === 0 && !inbox.error && (
        <p className="muted">{unreadOnly ? t('inbox.noneUnread') : t('inbox.none')}</p>
      )}
      <ul className="inbox-list">
        {inbox.nodes.map((n) => {
          const text = notificationText(t, n.kind, n.params);
          return (
            <li
              key={n.id}
              className={n.readAt ? 'inbox-item' : 'inbox-item inbox-item-unread'}
              data-testid="inbox-item"
            >
              <div className="inbox-item-main">
                {!n.readAt && <Badge tone="info">{t('inbox.new')}</Badge>}{' '}
                <a
                  href={n.link}
                  onClick={(e) => {
                    e.preventDefault();
                    void open(n.id, n.link, !!n.readAt);
                  }}
                >
                  {text.title}
                </a>
                {text.detail && <p className="inbox-detail">{text.detail}</p>}
              </div>
              <time className="muted" dateTime={n.createdAt}>
                {formatDate(n.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
              </time>
            </li>
          );
        })}
      </ul>
      <LoadMore
        hasMore={inbox.hasMore}
        loading={inbox.loading}
        onLoadMore={inbox.loadMore}
        label={t('inbox.loadMore')}
      />
      <Dialog
        open={confirmAll}
        title={t('inbox.markAllReadTitle')}
        onClose={() => setConfirmAll(false)}
        closeLabel={t('common.close')}
        footer={
          <>
            <Button onClick={() => setConfirmAll(false)}>{t('common.cancel')}</Button>
            <Button
              variant="primary"
              busy={inbox.marking}
              data-testid="confirm-mark-all"
              onClick={async () => {
                setFailure(null);
                try {
                  await inbox.markRead(null);
                } catch (error) {
                  setFailure(error);
                }
                setConfirmAll(false);
              }}
            >
              {t('inbox.markAllRead')}
            </Button>
          </>
        }
      >
        <p>{t('inbox.markAllReadConfirm')}</p>
      </Dialog>
    </div>
  );
}
