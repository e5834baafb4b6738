import {
  type AuditEventLike,
  type AuditSentence,
  type Context,
  type Translate,
  isRecord,
} from './audit-sentence-context';
import { SENTENCES } from './audit-sentence-table';

export type { AuditEventLike, AuditSentence, Translate } from './audit-sentence-context';

/** Every action the formatter has a sentence for. */
export const AUDIT_ACTIONS: readonly string[] = Object.keys(SENTENCES);

/** The kinds of actions a list can be filtered by (the part before the first dot). */
export const AUDIT_KINDS = [
  'submission',
  'round',
  'organization',
  'user',
  'roster',
  'staffing',
  'notification',
  'ranking',
  'import',
];

/**
 * One sentence in the reader's language for an audit event: who did what to which body, with
 * the reason when there is one. Statuses and roles are words of the catalogue; an unknown action
 * gets a generic sentence, its raw name only in `title`.
 */
export function auditSentence(event: AuditEventLike, t: Translate): AuditSentence {
  const d = isRecord(event.data) ? event.data : {};
  const c: Context = {
    e: event,
    t,
    d,
    actor: event.actorName || t(event.actorId ? 'audit.someone' : 'audit.system'),
    org: event.organizationName || t('audit.someOrganization'),
    str: (key) => (typeof d[key] === 'string' ? (d[key] as string) : ''),
    num: (key) => (typeof d[key] === 'number' ? (d[key] as number) : null),
    reason: () => (event.reason ? t('audit.reason', { reason: event.reason }) : ''),
  };
  const sentence = Object.hasOwn(SENTENCES, event.action) ? SENTENCES[event.action] : undefined;
  if (sentence) return { text: sentence(c) };
  return {
    text: t('audit.unknown', { actor: c.actor, org: c.org }) + c.reason(),
    title: event.action,
  };
}
