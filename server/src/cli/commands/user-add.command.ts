import { DomainError } from '../../common/domain-error';
import { Role } from '../../common/permissions';
import { AuthService, checkUsername, weakPassword } from '../../modules/auth';
import {
  organizationLookups,
  OrganizationLevel,
  OrganizationsService,
  type OrganizationRow,
} from '../../modules/organizations';
import { type CliCommand, CliError, parseArgs } from '../command';
import { openCliApp } from '../database';

/** The organization made for the first account of an empty database, unless named otherwise. */
export const DEFAULT_ROOT = { code: 'root', name: '本级人民政府', level: OrganizationLevel.CITY };

const ROLES: Readonly<Record<string, Role>> = {
  admin: Role.ADMIN,
  reviewer: Role.REVIEWER,
  supervisor: Role.SUPERVISOR,
  bureau: Role.BUREAU,
};

/**
 * `gongkai user add <username> --role admin [--name …] [--organization <code>]
 * [--organization-name …] [--password-stdin]` — the way to the first admin of a production
 * system (demo accounts are refused there). Prints a one-time password once, or takes the
 * password from standard input.
 */
export const userAddCommand: CliCommand = {
  words: ['user', 'add'],
  usage:
    'gongkai user add <username> --role admin|reviewer|supervisor|bureau [--name <display name>] [--organization <code>] [--organization-name <name>] [--password-stdin]',
  summary: `creates an account and prints its one-time password once (changed at first sign-in); --password-stdin reads the password instead. Without --organization an empty database gets a root organization "${DEFAULT_ROOT.name}" (code ${DEFAULT_ROOT.code}; name it with --organization-name)`,

  async run(args, { io, env, readStdin }) {
    const parsed = parseArgs(args, {
      options: ['role', 'name', 'organization', 'organization-name'],
      flags: ['password-stdin'],
    });
    const [username, extra] = parsed.positional;
    if (username === undefined) throw new CliError('user add needs a username (try --help)');
    if (extra !== undefined) throw new CliError(`unexpected argument "${extra}"`);
    const roleName = parsed.options.get('role');
    if (roleName === undefined)
      throw new CliError('--role is required (admin, reviewer, supervisor or bureau)');
    const role = ROLES[roleName.toLowerCase()];
    if (!role)
      throw new CliError(`--role must be admin, reviewer, supervisor or bureau, not "${roleName}"`);
    const displayName = parsed.options.get('name') ?? username;
    const orgCode = parsed.options.get('organization');
    const rootName = parsed.options.get('organization-name');
    if (orgCode !== undefined && rootName !== undefined)
      throw new CliError(
        'give --organization (an existing code) or --organization-name (a new root), not both',
      );

    try {
      checkUsername('username', username.trim());
    } catch (error) {
      throw new CliError(`username "${username}": ${(error as Error).message}`);
    }
    let password: string | null = null;
    if (parsed.flags.has('password-stdin')) {
      password = (await readStdin()).replace(/\r?\n$/, '');
      const weak = weakPassword('password', password, username.trim());
      if (weak) throw new CliError(`the password from standard input: ${weak.message}`);
    }

    const cli = await openCliApp(env);
    try {
      const organizations = cli.app.get(OrganizationsService);
      const manager = cli.dataSource.manager;
      let organization: OrganizationRow | null;
      if (orgCode !== undefined) {
        organization = await organizationLookups.byCode(manager, orgCode);
        if (!organization) throw new CliError(`no organization has the code "${orgCode}"`);
      } else {
        const roots = await organizationLookups.roots(manager, 2);
        if (roots.length > 1)
          throw new CliError(
            `there are several top-level organizations (${roots.map((r) => r.code).join(', ')}, …): name one with --organization <code>`,
          );
        if (roots[0] && rootName !== undefined)
          throw new CliError(
            `the database already has its top-level organization "${roots[0].name}" (code ${roots[0].code}); leave out --organization-name`,
          );
        organization =
          roots[0] ??
          (await organizations.create(null, {
            ...DEFAULT_ROOT,
            name: rootName?.trim() || DEFAULT_ROOT.name,
            parentId: null,
          }));
      }
      const created = await cli.app.get(AuthService).createUser({
        username,
        displayName,
        password,
        role,
        organizationId: organization.id,
      });
      io.out(
        `created ${roleName.toLowerCase()} account "${created.user.username}" (${created.user.displayName}) in ${organization.name} (code ${organization.code})\n`,
      );
      if (created.oneTimePassword)
        io.out(
          `one-time password: ${created.oneTimePassword}\n` +
            '  shown only now; it must be changed at the first sign-in\n',
        );
      return 0;
    } catch (error) {
      if (error instanceof DomainError) throw new CliError(error.message);
      throw error;
    } finally {
      await cli.close();
    }
  },
};
