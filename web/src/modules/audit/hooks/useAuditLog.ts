import { usePagedQuery } from '../../../app/usePagedQuery';
import { AuditLogDocument, type AuditEventItemFragment } from '../../../generated/graphql';

export type AuditItem = AuditEventItemFragment;
const PAGE = 30;

/** Audit events the viewer may read, newest first, paged, by kind, subtree and search. */
export function useAuditLog(filters: { action?: string; withinId?: string; search?: string }) {
  const { nodes, ...list } = usePagedQuery(AuditLogDocument, 'auditEvents', {
    action: filters.action || undefined,
    withinId: filters.withinId || undefined,
    search: filters.search || undefined,
    first: PAGE,
  });
  return { events: nodes, ...list };
}
