import { useI18n } from '../../../app/i18n';
import { type AuditEventLike, auditSentence } from '../utils/audit-sentence';

/** An audit event as one sentence; an unknown action keeps its raw name in the tooltip. */
export function AuditSentenceText({ event }: { event: AuditEventLike }) {
  const { t } = useI18n();
  const { text, title } = auditSentence(event, t);
  return <span title={title}>{text}</span>;
}
