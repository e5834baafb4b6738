import type { FindingSeverity, QueueSort, QueueStatus } from '../../../generated/graphql';

export type QueueTab =
  'awaiting' | 'all' | 'NOT_STARTED' | 'DRAFT' | 'RETURNED' | 'APPROVED' | 'PUBLISHED' | 'custom';

/** The queue's filters as the URL holds them (`?status=&rule=&severity=&late=&within=&sort=&dir=`). */
export type QueueFilters = {
  tab: QueueTab;
  /** Statuses asked for; empty = every status. */
  statuses: QueueStatus[];
  rule: string | null;
  severity: FindingSeverity | null;
  late: boolean | null;
  incomplete: boolean | null;
  within: string | null;
  sort: QueueSort;
  descending: boolean;
};

export const QUEUE_STATUSES: readonly QueueStatus[] = [
  'NOT_STARTED',
  'DRAFT',
  'SUBMITTED',
  'RESUBMITTED',
  'RETURNED',
  'APPROVED',
  'PUBLISHED',
];

/** Statuses a reviewer decides on: the default tab. */
export const AWAITING: readonly QueueStatus[] = ['SUBMITTED', 'RESUBMITTED'];

/** The tabs in the order shown, with the statuses each stands for (empty = all). */
export const QUEUE_TABS: readonly { id: Exclude<QueueTab, 'custom'>; statuses: QueueStatus[] }[] = [
  { id: 'awaiting', statuses: [...AWAITING] },
  { id: 'RETURNED', statuses: ['RETURNED'] },
  { id: 'NOT_STARTED', statuses: ['NOT_STARTED'] },
  { id: 'DRAFT', statuses: ['DRAFT'] },
  { id: 'APPROVED', statuses: ['APPROVED'] },
  { id: 'PUBLISHED', statuses: ['PUBLISHED'] },
  { id: 'all', statuses: [] },
];

const SEVERITIES: Record<string, FindingSeverity> = {
  error: 'ERROR',
  warning: 'WARNING',
  info: 'INFO',
};
const SORTS: Record<string, QueueSort> = {
  deadline: 'DEADLINE',
  findings: 'FINDINGS',
  waiting: 'WAITING',
};
const RULE = /^[a-zA-Z]+\.[a-zA-Z]+$/;
const ID = /^[0-9a-f-]{36}$/i;

const yesNo = (value: string | null): boolean | null =>
  value === 'yes' ? true : value === 'no' ? false : null;

/**
 * Reads the queue's filters from the URL. Unknown values fall back to the default of their filter
 * (the page shows what it applied). The older `flag=` links (late, errors, warnings, incomplete)
 * map onto the filters that replaced them.
 */
export function parseQueueFilters(params: URLSearchParams): QueueFilters {
  const status = params.get('status');
  const statuses =
    status === 'all'
      ? []
      : status
        ? QUEUE_STATUSES.filter((s) => status.split(',').includes(s))
        : [...AWAITING];
  const asked = status && status !== 'all' && statuses.length === 0 ? [...AWAITING] : statuses;
  const key = [...asked].sort().join(',');
  const tab =
    QUEUE_TABS.find((t) => [...t.statuses].sort().join(',') === key)?.id ?? ('custom' as const);
  const flag = params.get('flag');
  const rule = params.get('rule');
  return {
    tab,
    statuses: asked,
    rule: rule && RULE.test(rule) ? rule : null,
    severity:
      SEVERITIES[params.get('severity') ?? ''] ??
      (flag === 'errors' ? 'ERROR' : flag === 'warnings' ? 'WARNING' : null),
    late: yesNo(params.get('late')) ?? (flag === 'late' ? true : null),
    incomplete: yesNo(params.get('incomplete')) ?? (flag === 'incomplete' ? true : null),
    within: ID.test(params.get('within') ?? '') ? params.get('within') : null,
    sort: SORTS[params.get('sort') ?? ''] ?? 'DEADLINE',
    descending: params.get('dir') === 'desc',
  };
}

/** The URL value of a filter (null removes the parameter: the default). */
export function statusParam(tab: Exclude<QueueTab, 'custom'>): string | null {
  if (tab === 'awaiting') return null;
  if (tab === 'all') return 'all';
  return tab;
}

export const severityParam = (s: FindingSeverity | null): string | null =>
  s ? s.toLowerCase() : null;
export const sortParam = (s: QueueSort): string | null =>
  s === 'DEADLINE' ? null : s.toLowerCase();
export const yesNoParam = (v: boolean | null): string | null =>
  v === null ? null : v ? 'yes' : 'no';
