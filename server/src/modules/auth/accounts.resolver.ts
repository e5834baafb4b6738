import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { type Connection, CURSOR_BY_TEXT, pagedComplexity, pageOf } from '../../common/pagination';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { AccountsService } from './accounts.service';
import {
  BureauAccountsPreview,
  CreateBureauAccountsInput,
  CreatedBureauAccounts,
  PasswordReset,
  ResetPasswordInput,
  SetUserActiveInput,
  UpdateUserInput,
  User,
  UserConnection,
  UsersArgs,
} from './user.model';

/** Account administration (admins). */
@Resolver()
export class AccountsResolver {
  constructor(private readonly accounts: AccountsService) {}

  @Query(() => UserConnection, {
    description: 'Accounts, by username; search over username, display name and organization',
    complexity: pagedComplexity,
  })
  @RequirePermission(Permission.UserManage)
  users(@CurrentActor() actor: Actor, @Args() args: UsersArgs): Promise<Connection<User>> {
    return this.accounts.list(actor, args, pageOf(args, CURSOR_BY_TEXT));
  }

  @Query(() => BureauAccountsPreview, {
    description: 'Reporting bodies under a scope that createBureauAccounts would give an account',
  })
  @RequirePermission(Permission.UserManage)
  async bureauAccountsPreview(
    @Args('scopeOrganizationId', { type: () => ID }) scopeOrganizationId: string,
  ): Promise<BureauAccountsPreview> {
    const accounts = await this.accounts.planBureauAccounts(scopeOrganizationId);
    return { count: accounts.length, accounts };
  }

  @Mutation(() => CreatedBureauAccounts, {
    description:
      'A bureau account with a one-time password for every reporting body of the scope without one',
  })
  @RequirePermission(Permission.UserManage)
  createBureauAccounts(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateBureauAccountsInput,
  ): Promise<CreatedBureauAccounts> {
    return this.accounts.createBureauAccounts(actor, input);
  }

  @Mutation(() => PasswordReset, {
    description: 'A new one-time password (returned once); the account’s sessions end at once',
  })
  @RequirePermission(Permission.UserManage)
  resetPassword(
    @CurrentActor() actor: Actor,
    @Args('input') input: ResetPasswordInput,
  ): Promise<PasswordReset> {
    return this.accounts.resetPassword(actor, input);
  }

  @Mutation(() => User, { description: 'Deactivating ends the account’s sessions at once' })
  @RequirePermission(Permission.UserManage)
  setUserActive(
    @CurrentActor() actor: Actor,
    @Args('input') input: SetUserActiveInput,
  ): Promise<User> {
    return this.accounts.setActive(actor, input);
  }

  @Mutation(() => User, { description: 'Changes role, organization (scope) or display name' })
  @RequirePermission(Permission.UserManage)
  updateUser(@CurrentActor() actor: Actor, @Args('input') input: UpdateUserInput): Promise<User> {
    return this.accounts.update(actor, input);
  }
}
