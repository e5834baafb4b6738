import type { EntityManager } from 'typeorm';
import { badInput } from '../../common/domain-error';
import { Role } from '../../common/permissions';
import type { CommandContext } from '../audit';
import { organizationLookups, type OrganizationRow } from '../organizations';
import { UserEntity, type UserRow } from './user.entity';

/** The reporting body a bureau account files for must file its own report. */
export function checkBureauOrganization(
  field: string,
  role: Role,
  organization: OrganizationRow,
): void {
  if (role === Role.BUREAU && !organization.reports)
    throw badInput(field, `${organization.name} does not file its own report`, {
      key: 'auth.bureauNeedsReportingBody',
      params: { organization: organization.name },
    });
}

export async function checkUsernameFree(
  manager: EntityManager,
  field: string,
  username: string,
): Promise<void> {
  const taken = await manager.exists(UserEntity, { where: { username } });
  if (taken)
    throw badInput(field, `username ${username} is taken`, {
      key: 'auth.usernameTaken',
      params: { username },
    });
}

/**
 * The command that writes an account, inside the caller's transaction and after its checks of
 * the username's characters, the display name and the password's rules (`AuthService.createUser`
 * for an administrator, the demo seed with its one shared password): the organization exists, a
 * bureau account's files its own report, the username is free; then the row and `user.create`.
 */
export const userWrites = {
  async create(
    context: CommandContext,
    input: {
      username: string;
      displayName: string;
      passwordHash: string;
      /** A one-time password: it must be changed at the first sign-in. */
      oneTime: boolean;
      role: Role;
      organizationId: string;
      isDemo?: boolean;
    },
  ): Promise<UserRow> {
    const { manager } = context;
    const organization = /^[0-9a-f-]{36}$/i.test(input.organizationId)
      ? await organizationLookups.byId(manager, input.organizationId)
      : null;
    if (!organization)
      throw badInput('input.organizationId', 'no such organization', {
        key: 'auth.organizationUnknown',
      });
    checkBureauOrganization('input.organizationId', input.role, organization);
    await checkUsernameFree(manager, 'input.username', input.username);
    const user = await manager.save(
      manager.create(UserEntity, {
        username: input.username,
        displayName: input.displayName,
        passwordHash: input.passwordHash,
        role: input.role,
        organizationId: organization.id,
        active: true,
        isDemo: input.isDemo ?? false,
        mustChangePassword: input.oneTime,
        passwordChangedAt: input.oneTime ? null : (context.at ?? new Date()),
        ...(context.at ? { createdAt: context.at } : {}),
      }),
    );
    await context.record([
      {
        organizationId: organization.id,
        action: 'user.create',
        data: {
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          oneTime: input.oneTime,
          bulk: false,
        },
      },
    ]);
    return user;
  },
};
