import { useI18n } from '../../../app/i18n';

export type AuditItem = {
  id: string;
  action: string;
  createdAt: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  reason?: string | null;
};

/** Recorded state changes, newest first. */
export function AuditTrail({ events }: { events: readonly AuditItem[] }) {
  const { t, formatDate } = useI18n();
  const sorted = [...events].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  if (sorted.length === 0) return <p className="muted">{t('audit.none')}</p>;
  return (
    <ol className="audit-trail">
      {sorted.map((e) => (
        <li key={e.id}>
          <time dateTime={e.createdAt}>
            {formatDate(e.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
          </time>{' '}
          <strong>{e.action}</strong>
          {e.fromStatus && e.toStatus && (
            <span className="muted">
              {' '}
              {e.fromStatus} → {e.toStatus}
            </span>
          )}
          {e.reason && <p className="audit-reason">{e.reason}</p>}
        </li>
      ))}
    </ol>
  );
}
