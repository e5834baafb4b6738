import type { Reason } from '../../common/domain-error';
import type { DirectoryRecord } from './directory-file.parser';
import type { OrganizationEntity, OrganizationLevel } from './organization.entity';
import { mayReport } from './organization-rules';

/** What a row does; a row may change, move and close at once. */
export type DirectoryChangeKind = 'CREATED' | 'CHANGED' | 'MOVED' | 'CLOSED';

export type DirectoryFieldChange = {
  field: string;
  from: string | number | boolean | null;
  to: string | number | boolean | null;
};

export type DirectoryRowReport = {
  line: number;
  code: string;
  name: string;
  action: 'CREATE' | 'UPDATE' | 'UNCHANGED' | 'ERROR';
  kinds: DirectoryChangeKind[];
  /** Fields other than the parent, with their old and new values. */
  changes: DirectoryFieldChange[];
  /** Names of the old and the new parent (moves and creations). */
  fromParent: string | null;
  toParent: string | null;
  /** The last year reported, for rows that close a body. */
  lastYear: number | null;
};

export type DirectoryProblem = {
  line: number;
  /** The roster column (code, name, level, parent_code, …). */
  field: string;
  message: string;
  reason: Reason;
};

export type DirectoryImportReport = {
  dryRun: boolean;
  applied: boolean;
  created: number;
  changed: number;
  moved: number;
  closed: number;
  unchanged: number;
  /** Rows that change an existing body in any way (changed, moved or closed). */
  updated: number;
  rows: DirectoryRowReport[];
  errors: DirectoryProblem[];
};

export type Wanted = {
  name: string;
  kind: string | null;
  peerGroup: string | null;
  region: string | null;
  activeFromYear: number | null;
  activeToYear: number | null;
  reports: boolean;
};

export const FIELDS = [
  'name',
  'kind',
  'peerGroup',
  'region',
  'activeFromYear',
  'activeToYear',
  'reports',
] as const;

/** A row's wanted fields; `reports` left empty is yes, except for a nation (which never reports). */
export function wantedOf(
  values: Record<string, string>,
  level: OrganizationLevel | undefined,
): Wanted {
  const year = (raw: string | undefined) => (raw ? Number(raw) : null);
  return {
    name: values.name ?? '',
    kind: values.kind || null,
    peerGroup: values.peer_group || null,
    region: values.region || null,
    activeFromYear: year(values.active_from),
    activeToYear: year(values.active_to),
    reports: values.reports
      ? /^(true|1|yes|是)$/i.test(values.reports)
      : level === undefined || mayReport(level),
  };
}

export type Planned = {
  record: DirectoryRecord;
  code: string;
  parentCode: string;
  level: OrganizationLevel | undefined;
  wanted: Wanted;
  current: OrganizationEntity | null;
  row: DirectoryRowReport;
};
