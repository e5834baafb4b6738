import type { OrganizationEntity } from '../organizations';
import type { SubmissionEntity } from '../submissions';

/**
 * A row's organization and submission, read from the read views under `o_` and `s_` and built
 * as plain objects: every column of the view, under its property's name, as the driver gives it
 * (the same values an entity read would hold; a page of 50 rows would otherwise build 100
 * entities through TypeORM's conversions).
 */
export const ORGANIZATION_FIELDS = {
  id: 'id',
  code: 'code',
  name: 'name',
  level: 'level',
  parentId: 'parent_id',
  path: 'path',
  kind: 'kind',
  peerGroup: 'peer_group',
  region: 'region',
  activeFromYear: 'active_from_year',
  activeToYear: 'active_to_year',
  reports: 'reports',
  isDemo: 'is_demo',
  revision: 'revision',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const satisfies Record<Exclude<keyof OrganizationEntity, 'parent'>, string>;

export const SUBMISSION_FIELDS = {
  id: 'id',
  roundId: 'round_id',
  organizationId: 'organization_id',
  status: 'status',
  currentVersionId: 'current_version_id',
  submittedVersionId: 'submitted_version_id',
  versionCount: 'version_count',
  firstSubmittedAt: 'first_submitted_at',
  lastSubmittedAt: 'last_submitted_at',
  approvedAt: 'approved_at',
  publishedAt: 'published_at',
  returnCount: 'return_count',
  reopenCount: 'reopen_count',
  changesAfterApproval: 'changes_after_approval',
  revision: 'revision',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const satisfies Record<Exclude<keyof SubmissionEntity, 'round' | 'organization'>, string>;

const selectList = (alias: string, fields: Record<string, string>): string =>
  Object.values(fields)
    .map((column) => `${alias}.${column} AS ${alias}_${column}`)
    .join(', ');
export const ORGANIZATION_COLUMNS = selectList('o', ORGANIZATION_FIELDS);
export const SUBMISSION_COLUMNS = selectList('s', SUBMISSION_FIELDS);

export type ColumnsRow = {
  [
    K in keyof typeof ORGANIZATION_FIELDS as `o_${(typeof ORGANIZATION_FIELDS)[K]}`
  ]: OrganizationEntity[K];
} & {
  [
    K in keyof typeof SUBMISSION_FIELDS as `s_${(typeof SUBMISSION_FIELDS)[K]}`
  ]: SubmissionEntity[K];
};

export function organizationOf(r: ColumnsRow): OrganizationEntity {
  return {
    id: r.o_id,
    code: r.o_code,
    name: r.o_name,
    level: r.o_level,
    parentId: r.o_parent_id,
    path: r.o_path,
    kind: r.o_kind,
    peerGroup: r.o_peer_group,
    region: r.o_region,
    activeFromYear: r.o_active_from_year,
    activeToYear: r.o_active_to_year,
    reports: r.o_reports,
    isDemo: r.o_is_demo,
    revision: r.o_revision,
    createdAt: r.o_created_at,
    updatedAt: r.o_updated_at,
  };
}

export function submissionOf(r: ColumnsRow): SubmissionEntity {
  return {
    id: r.s_id,
    roundId: r.s_round_id,
    organizationId: r.s_organization_id,
    status: r.s_status,
    currentVersionId: r.s_current_version_id,
    submittedVersionId: r.s_submitted_version_id,
    versionCount: r.s_version_count,
    firstSubmittedAt: r.s_first_submitted_at,
    lastSubmittedAt: r.s_last_submitted_at,
    approvedAt: r.s_approved_at,
    publishedAt: r.s_published_at,
    returnCount: r.s_return_count,
    reopenCount: r.s_reopen_count,
    changesAfterApproval: r.s_changes_after_approval,
    revision: r.s_revision,
    createdAt: r.s_created_at,
    updatedAt: r.s_updated_at,
  };
}
