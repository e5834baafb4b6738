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
  /** Rankings, score explanations, gap flags, what-if. */
  RankingRead = 'ranking.read',
  /** Freeze and publish rankings, store scoring model versions. */
  RankingManage = 'ranking.manage',
  /** Download ranking sheets (.xlsx, .csv). */
  RankingExport = 'ranking.export',
  /** Download a report in the official template layout (scoped like submissions). */
  ReportExport = 'report.export',
  /** Rosters of disclosure posts (names only within scope: own org, or subtree). */
  StaffingRead = 'staffing.read',
  /** Edit the own organization's roster, trainings and leading group; apply a report prefill. */
  StaffingEdit = 'staffing.edit',
  /** Configure a round's required posts. */
  StaffingConfigure = 'staffing.configure',
  /** Region staffing panel and staffing exports (counts). */
  StaffingOverview = 'staffing.overview',
  /** Include holders' names in a staffing export (recorded in the export log). */
  StaffingExportNames = 'staffing.exportNames',
  /** Server internals: table sizes, versions (anonymous callers get only GET /health). */
  SystemRead = 'system.read',
  /** Change one's own password (every signed-in user). */
  OwnAccount = 'account.own',
  /** Remind (催报) bodies in scope that have not submitted. */
  NotificationRemind = 'notification.remind',
  /** Batch import of published reports for the bodies of a region. */
  ImportBatch = 'import.batch',
}

const READ: readonly Permission[] = [
  Permission.OrganizationRead,
  Permission.RoundRead,
  Permission.SubmissionRead,
  Permission.AuditRead,
  Permission.StaffingRead,
];

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  [Role.BUREAU]: new Set([
    ...READ,
    Permission.OwnAccount,
    Permission.SubmissionEdit,
    Permission.SubmissionSubmit,
    Permission.SubmissionPublish,
    Permission.ReportExport,
    Permission.StaffingEdit,
  ]),
  [Role.REVIEWER]: new Set([
    ...READ,
    Permission.OwnAccount,
    Permission.ReviewRead,
    Permission.ReviewDecide,
    Permission.SubmissionPublish,
    Permission.RoundManage,
    Permission.StatsRead,
    Permission.RollupRead,
    Permission.RankingRead,
    Permission.ReportExport,
    Permission.StaffingConfigure,
    Permission.StaffingOverview,
    Permission.NotificationRemind,
    Permission.ImportBatch,
  ]),
  [Role.SUPERVISOR]: new Set([
    ...READ,
    Permission.OwnAccount,
    Permission.ReviewRead,
    Permission.StatsRead,
    Permission.RollupRead,
    Permission.RankingRead,
    Permission.RankingManage,
    Permission.RankingExport,
    Permission.ReportExport,
    Permission.StaffingOverview,
    Permission.StaffingExportNames,
    Permission.ImportBatch,
  ]),
  [Role.ADMIN]: new Set(Object.values(Permission)),
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
