import { Role } from '../common/permissions';
import { hashPassword, userWrites } from '../modules/auth';
import { type OrganizationRow, OrganizationLevel } from '../modules/organizations';
import type { DemoHistory } from './demo-history';
import { DEMO_CITY, DEMO_PROVINCE, type DemoOrganizations } from './demo-organizations';

export const DEMO_PASSWORD = 'gongkai-demo';
export const DEMO_ACCOUNTS = [
  'demo-admin',
  'demo-reviewer',
  'demo-supervisor',
  'demo-bureau',
] as const;

/** The demo accounts' ids, and the body the demo bureau account files for. */
export type DemoAccounts = {
  readonly reviewerId: string;
  readonly bureauUserId: string;
  readonly bureauOrg: OrganizationRow;
};

/**
 * The four demo accounts (password `gongkai-demo`, one hash for all), created through the
 * accounts' command by the system at `at`: the administrator and the supervisor at the province,
 * the reviewer at the city, the bureau at 南溪县科技局.
 */
export async function seedDemoAccounts(
  history: DemoHistory,
  { all: orgs, province, city }: DemoOrganizations,
  at: Date,
): Promise<DemoAccounts> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const bureauOrg =
    orgs.find((o) => o.code === 'DEMO-NX-KJJ') ??
    orgs.find((o) => o.level === OrganizationLevel.DEPARTMENT && o.code.startsWith('DEMO-NX'))!;
  const users = [
    {
      username: 'demo-admin',
      displayName: '演示·系统管理员',
      role: Role.ADMIN,
      organizationId: province.id,
    },
    {
      username: 'demo-reviewer',
      displayName: `演示·${DEMO_CITY}政务公开办`,
      role: Role.REVIEWER,
      organizationId: city.id,
    },
    {
      username: 'demo-supervisor',
      displayName: `演示·${DEMO_PROVINCE}政务公开办（考评）`,
      role: Role.SUPERVISOR,
      organizationId: province.id,
    },
    {
      username: 'demo-bureau',
      displayName: `演示·${bureauOrg.name}`,
      role: Role.BUREAU,
      organizationId: bureauOrg.id,
    },
  ];
  const ids = new Map<string, string>();
  const context = history.context(null, at);
  for (const user of users) {
    const created = await userWrites.create(context, {
      ...user,
      passwordHash: hash,
      oneTime: false,
      isDemo: true,
    });
    ids.set(created.username, created.id);
  }
  return {
    reviewerId: ids.get('demo-reviewer')!,
    bureauUserId: ids.get('demo-bureau')!,
    bureauOrg,
  };
}
