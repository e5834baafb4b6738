import { Role as UserRole } from '../../../src/common/permissions';
import type { TestApp } from '../../test-app';
import { codeOf, type GqlResult, type UserKey, type World } from '../world';

/**
 * The access matrix's vocabulary: every query and mutation × every role × own/other
 * organization. "own" targets county A's 科技局 (deptA1), "other" county B's (deptB1). Allowed
 * calls must pass the access checks (they may still fail on business rules, e.g. a stale
 * revision → CONFLICT); denied calls must answer FORBIDDEN, NOT_FOUND or UNAUTHENTICATED, return
 * no data, and leave the database unchanged.
 */
export type Role = 'anonymous' | 'bureau' | 'reviewerA' | 'reviewer' | 'supervisor' | 'admin';
export type Target = 'own' | 'other';
export const ROLES: Role[] = [
  'anonymous',
  'bureau',
  'reviewerA',
  'reviewer',
  'supervisor',
  'admin',
];
export const TARGETS: Target[] = ['own', 'other'];
export const USER: Record<Exclude<Role, 'anonymous'>, UserKey> = {
  bureau: 'bureauA1',
  reviewerA: 'reviewerA',
  reviewer: 'reviewer',
  supervisor: 'supervisor',
  admin: 'admin',
};

export const ROLE_OF: Record<Exclude<Role, 'anonymous'>, UserRole> = {
  bureau: UserRole.BUREAU,
  reviewerA: UserRole.REVIEWER,
  reviewer: UserRole.REVIEWER,
  supervisor: UserRole.SUPERVISOR,
  admin: UserRole.ADMIN,
};

export type Fixture = {
  app: TestApp;
  w: World;
  /** POST /graphql as the given cookie (none: anonymous). */
  q: (
    query: string,
    variables: Record<string, unknown>,
    cookie?: string,
  ) => Promise<GqlResult<Record<string, unknown>>>;
  org: Record<Target, string>;
  county: Record<Target, string>;
  sub: Record<Target, { id: string; v1: string; v2: string; file: string; warning: string }>;
  countyRound: Record<Target, string>;
  /** A reviewer's comment on each target submission (the submission stays submitted). */
  comment: Record<Target, string>;
  /** Accounts that nobody signs in with, for the account administration cases. */
  account: Record<Target, string>;
  /** A finished batch per county with one file waiting for a choice (rows written directly). */
  imports: Record<Target, { batch: string; item: string }>;
  adminId: string;
};

export type Outcome = { status: 'allowed' | 'denied'; leaked: boolean; code: string };

/** Which targets each signed-in role can see (scope). */
export const sees = (role: Role, target: Target) =>
  role === 'reviewer' ||
  role === 'supervisor' ||
  role === 'admin' ||
  (role !== 'anonymous' && target === 'own');

export type Case = {
  name: string;
  mutation?: boolean;
  /** Expected access for the role and target. */
  allowed: (role: Role, target: Target) => boolean;
  run: (f: Fixture, cookie: string | undefined, target: Target, i: number) => Promise<Outcome>;
};

export const DENY = new Set(['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED']);
export function outcome(
  res: GqlResult<Record<string, unknown>>,
  hasData: (d: Record<string, unknown>) => boolean = (d) =>
    Object.values(d).some((v) => v !== null),
): Outcome {
  const code = codeOf(res);
  if (DENY.has(code)) return { status: 'denied', leaked: !!res.data && hasData(res.data), code };
  return { status: 'allowed', leaked: false, code };
}

export const has = (role: Role, roles: Role[]) => roles.includes(role);
/** Batch imports: reviewers and supervisors of the region (county A's reviewer: own only). */
export const importsIn = (role: Role, target: Target) =>
  has(role, ['reviewer', 'supervisor', 'admin']) || (role === 'reviewerA' && target === 'own');
export const signedIn = (role: Role) => role !== 'anonymous';
/** A list-shaped read: allowed for the role, but must contain the target only when in scope. */
export const listOutcome = (
  res: GqlResult<Record<string, unknown>>,
  contains: boolean,
): Outcome => {
  const code = codeOf(res);
  if (DENY.has(code)) return { status: 'denied', leaked: false, code };
  return { status: contains ? 'allowed' : 'denied', leaked: false, code };
};
export const edgesContain = (res: GqlResult<Record<string, unknown>>, key: string, id: string) =>
  ((res.data?.[key] as { edges?: { node: { id: string } }[] } | undefined)?.edges ?? []).some(
    (e) => e.node.id === id,
  );
