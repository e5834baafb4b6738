import type { MessageKey } from '../../../app/i18n';
import type { NotificationKind } from '../../../generated/graphql';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The sentence of a notification in the current language, from its kind and values. */
export function notificationText(
  t: T,
  kind: NotificationKind,
  params: unknown,
): { title: string; detail: string | null } {
  const p = (params ?? {}) as Record<string, string | number | null | undefined>;
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p)) if (v !== null && v !== undefined) values[k] = v;
  const title = t(`notification.kind.${kind}` as MessageKey, values);
  const parts: string[] = [];
  if (p.reason) parts.push(t('notification.reason', { reason: String(p.reason) }));
  if (p.comments) parts.push(t('notification.comments', { count: Number(p.comments) }));
  if (p.message) parts.push(t('notification.message', { message: String(p.message) }));
  return { title, detail: parts.length ? parts.join(' · ') : null };
}
