import { useI18n } from '../../../app/i18n';
import { AuditSentenceText } from '../../audit/components/AuditSentenceText';
import type { AuditEventLike } from '../../audit/utils/audit-sentence';

export type AuditItem = AuditEventLike & { id: string; createdAt: string };

/** Recorded state changes, newest first, each as a sentence. */
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
          <AuditSentenceText event={e} />
        </li>
      ))}
    </ol>
  );
}
