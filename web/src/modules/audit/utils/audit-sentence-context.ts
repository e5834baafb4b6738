import type { MessageKey } from '../../../app/i18n';

/** What the formatter reads of an audit event (the GraphQL `AuditEvent` fits). */
export type AuditEventLike = {
  action: string;
  actorId?: string | null;
  actorName?: string | null;
  organizationName?: string | null;
  fromStatus?: string | null;
  toStatus?: string | null;
  reason?: string | null;
  data?: unknown;
};

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A sentence for the reader; `title` (a tooltip) carries the raw action of an unknown one. */
export type AuditSentence = { text: string; title?: string };

const SUBMISSION_STATUSES = new Set([
  'NOT_STARTED',
  'DRAFT',
  'SUBMITTED',
  'RESUBMITTED',
  'RETURNED',
  'APPROVED',
  'PUBLISHED',
]);
const ROUND_STATUSES = new Set(['PLANNED', 'OPEN', 'CLOSED']);
const ROLES = new Set(['ADMIN', 'REVIEWER', 'SUPERVISOR', 'BUREAU']);
const LEVELS = new Set(['NATION', 'PROVINCE', 'CITY', 'COUNTY', 'DEPARTMENT', 'TOWNSHIP']);
const POSTS = new Set([
  'leaderInCharge',
  'disclosureOffice',
  'dedicatedStaff',
  'liaison',
  'confidentialityReview',
]);
export const ORGANIZATION_FIELDS = new Set([
  'name',
  'code',
  'level',
  'kind',
  'region',
  'peerGroup',
  'reports',
  'activeFromYear',
  'activeToYear',
  'parent',
]);
export const USER_FIELDS = new Set(['role', 'organizationName', 'displayName']);

export type Data = Record<string, unknown>;
export type Context = {
  e: AuditEventLike;
  t: Translate;
  d: Data;
  actor: string;
  org: string;
  str: (key: string) => string;
  num: (key: string) => number | null;
  reason: () => string;
};

export const isRecord = (v: unknown): v is Data =>
  !!v && typeof v === 'object' && !Array.isArray(v);
export const pair = (v: unknown): [unknown, unknown] | null =>
  Array.isArray(v) && v.length === 2 ? [v[0], v[1]] : null;

/** A status, role or level as a word of the catalogue (never the enum value). */
export function word(t: Translate, kind: 'status' | 'roundStatus' | 'role' | 'level', v: unknown) {
  const value = typeof v === 'string' ? v : '';
  const known =
    kind === 'status'
      ? SUBMISSION_STATUSES
      : kind === 'roundStatus'
        ? ROUND_STATUSES
        : kind === 'role'
          ? ROLES
          : LEVELS;
  if (!known.has(value)) return t('audit.value.other');
  return t(`${kind === 'level' ? 'audit.level' : kind}.${value}` as MessageKey);
}

export function plain(t: Translate, v: unknown): string {
  if (v === null || v === undefined || v === '') return t('audit.value.empty');
  if (typeof v === 'boolean') return t(v ? 'common.yes' : 'common.no');
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return t('audit.value.other');
}

export function postName(t: Translate, key: unknown): string {
  return typeof key === 'string' && POSTS.has(key)
    ? t(`audit.post.${key}` as MessageKey)
    : t('audit.post.other');
}

/** `field: [from, to]` pairs as "name from A to B" clauses joined for the locale. */
export function changeList(
  c: Context,
  changes: Data,
  fields: ReadonlySet<string>,
  prefix: 'audit.orgField' | 'audit.userField',
  value: (field: string, v: unknown) => string,
): string {
  const parts = Object.entries(changes).map(([field, v]) => {
    const label = fields.has(field)
      ? c.t(`${prefix}.${field}` as MessageKey)
      : c.t('audit.field.other');
    const p = pair(v);
    return p
      ? c.t('audit.change', { field: label, from: value(field, p[0]), to: value(field, p[1]) })
      : label;
  });
  return parts.join(c.t('audit.separator'));
}

export function organizationValue(t: Translate) {
  return (field: string, v: unknown) => (field === 'level' ? word(t, 'level', v) : plain(t, v));
}
