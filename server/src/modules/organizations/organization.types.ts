import type { OrganizationLevel, OrganizationRow } from './organization.entity';

export type OrganizationFields = {
  name?: string | null;
  kind?: string | null;
  peerGroup?: string | null;
  region?: string | null;
  activeFromYear?: number | null;
  activeToYear?: number | null;
  reports?: boolean | null;
};

export type CreateOrganizationInput = OrganizationFields & {
  code: string;
  name: string;
  level: OrganizationLevel;
  parentId?: string | null;
  isDemo?: boolean;
};

export type UpdateOrganizationInput = OrganizationFields & {
  id: string;
  expectedRevision: number;
  parentId?: string | null;
};

export type ListOrganizationsFilter = {
  parentId?: string | null;
  /** Only nodes without a parent. */
  roots?: boolean | null;
  withinId?: string | null;
  activeInYear?: number | null;
  search?: string | null;
  levels?: readonly OrganizationLevel[] | null;
  /** Only bodies that report (those a round expects). */
  reportsOnly?: boolean | null;
};

/** Counts under a node for the tree. */
export type TreeCounts = {
  /** Direct children. */
  children: number;
  /** Reporting bodies in the subtree (the node included) active in the year. */
  reportingBodies: number;
};

/** What closing a node after `lastYear` would do. */
export type ClosePreview = {
  organization: OrganizationRow;
  lastYear: number;
  /** Bodies in the subtree (the node included) that would stop reporting after lastYear. */
  closing: number;
  /** Of those, the bodies under the node. */
  closingBelow: number;
  /** Submissions of later rounds in the subtree: while there are any, closing is refused. */
  laterSubmissions: number;
  /** The first year of those submissions (the earliest lastYear allowed is one before it). */
  laterSubmissionsFrom: number | null;
};

/** `{ field: [from, to] }` of an update, for the audit log. */
export type FieldChanges = Record<string, [unknown, unknown]>;
