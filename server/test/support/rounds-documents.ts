import type { GqlResult } from './world';

/** The rounds administration's GraphQL documents and the shapes they answer. */
export const ROUND = `id year status revision departmentDeadline governmentDeadline template
  scopeOrganization { name }
  progress { expected submitted approved late missing }
  extensions { organizationId deadline reason grantedByName organization { name } }`;

export type RoundView = {
  id: string;
  year: number;
  status: string;
  revision: number;
  departmentDeadline: string;
  governmentDeadline: string;
  template: string;
  scopeOrganization: { name: string };
  progress: {
    expected: number;
    submitted: number;
    approved: number;
    late: number;
    missing: number;
  } | null;
  extensions: {
    organizationId: string;
    deadline: string;
    reason: string;
    grantedByName: string | null;
    organization: { name: string };
  }[];
};

export type Page = {
  managedRounds: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: RoundView }[];
  };
};

export const MANAGED = `query($year: Int, $scope: ID, $search: String, $first: Int, $after: String) {
  managedRounds(year: $year, scopeOrganizationId: $scope, search: $search, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${ROUND} } } } }`;

export const CREATE = `mutation($i: CreateRoundInput!) { createRound(input: $i) { ${ROUND} } }`;
export const UPDATE = `mutation($i: UpdateRoundInput!) { updateRound(input: $i) { ${ROUND} } }`;
export const EXTEND = `mutation($i: GrantExtensionInput!) { grantExtension(input: $i) { id deadline } }`;

/** The statistics year of the calendar year now in Asia/Shanghai. */
export const thisYear = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
    new Date(),
  ),
);

export type ErrorExtensions = { code?: string; reason?: string; field?: string; params?: unknown };
export const ext = (res: GqlResult<unknown>): ErrorExtensions =>
  (res.errors?.[0]?.extensions ?? {}) as ErrorExtensions;
