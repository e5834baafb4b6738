import type { EntityManager } from 'typeorm';
import { Role } from '../common/permissions';
import { hashPassword } from '../modules/auth';
import { UserEntity } from '../modules/auth/user.entity';
import { type OrganizationEntity, OrganizationLevel } from '../modules/organizations';
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
  readonly bureauOrg: OrganizationEntity;
};

/**
 * Inserts the four demo accounts (password `gongkai-demo`): the administrator and the supervisor
 * at the province, the reviewer at the city, the bureau at 南溪县科技局.
 */
export async function seedDemoAccounts(
  manager: EntityManager,
  { all: orgs, province, city }: DemoOrganizations,
): Promise<DemoAccounts> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const bureauOrg =
    orgs.find((o) => o.code === 'DEMO-NX-KJJ') ??
    orgs.find((o) => o.level === OrganizationLevel.DEPARTMENT && o.code.startsWith('DEMO-NX'))!;
  const users: Partial<UserEntity>[] = [
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
  await manager.insert(
    UserEntity,
    users.map((u) => ({ ...u, passwordHash: hash, active: true, isDemo: true })),
  );
  const reviewerId = (await manager.findOneByOrFail(UserEntity, { username: 'demo-reviewer' })).id;
  const bureauUserId = (await manager.findOneByOrFail(UserEntity, { username: 'demo-bureau' })).id;
  return { reviewerId, bureauUserId, bureauOrg };
}
