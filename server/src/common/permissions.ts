/**
 * Roles and what each may do. Object-level scope is separate (see `Actor`): a bureau acts on its
 * own organization, reviewers and supervisors on their subtree, admins everywhere.
 */
export enum Role {
  BUREAU = 'BUREAU',
  REVIEWER = 'REVIEWER',
  SUPERVISOR = 'SUPERVISOR',
  ADMIN = 'ADMIN',
}

export enum Permission {
  OrganizationRead = 'organization.read',
  OrganizationManage = 'organization.manage',
  RoundRead = 'round.read',
  RoundManage = 'round.manage',
  SubmissionRead = 'submission.read',
  SubmissionEdit = 'submission.edit',
  SubmissionSubmit = 'submission.submit',
  ReviewRead = 'review.read',
  ReviewDecide = 'review.decide',
  SubmissionPublish = 'submission.publish',
  StatsRead = 'stats.read',
  RollupRead = 'rollup.read',
  AuditRead = 'audit.read',
  UserManage = 'user.manage',
}

const READ: readonly Permission[] = [
  Permission.OrganizationRead,
  Permission.RoundRead,
  Permission.SubmissionRead,
  Permission.AuditRead,
];

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  [Role.BUREAU]: new Set([
    ...READ,
    Permission.SubmissionEdit,
    Permission.SubmissionSubmit,
    Permission.SubmissionPublish,
  ]),
  [Role.REVIEWER]: new Set([
    ...READ,
    Permission.ReviewRead,
    Permission.ReviewDecide,
    Permission.SubmissionPublish,
    Permission.RoundManage,
    Permission.StatsRead,
    Permission.RollupRead,
  ]),
  [Role.SUPERVISOR]: new Set([
    ...READ,
    Permission.ReviewRead,
    Permission.StatsRead,
    Permission.RollupRead,
  ]),
  [Role.ADMIN]: new Set(Object.values(Permission)),
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
