import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import {
  CurrentActor,
  FieldPermission,
  OptionalActor,
  Public,
  RequirePermission,
} from '../../common/permission.decorator';
import { Permission, ROLE_PERMISSIONS } from '../../common/permissions';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import type { NoArgs } from '../../graphql/field-resolver';
import type { GraphqlContext } from '../../graphql/graphql.options';
import { Organization, OrganizationsService } from '../organizations';
import { AuthService } from './auth.service';
import { AllowedBeforePasswordChange } from './password-change.decorator';
import { SESSION_COOKIE } from './session-token';
import {
  ChangeOwnPasswordInput,
  CreatedUser,
  CreateUserInput,
  SignInInput,
  User,
  Viewer,
} from './user.model';
import type { UserRow } from './user.entity';

@Resolver(() => User)
export class AuthResolver {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly organizations: OrganizationsService,
  ) {}

  private viewer(user: UserRow, expiresAt: Date): Viewer {
    return {
      user,
      permissions: [...ROLE_PERMISSIONS[user.role]].sort(),
      expiresAt,
      mustChangePassword: user.mustChangePassword,
    };
  }

  @Query(() => Viewer, { nullable: true, description: 'The signed-in user, or null' })
  @Public()
  @AllowedBeforePasswordChange()
  async me(@OptionalActor() actor: Actor | null): Promise<Viewer | null> {
    if (!actor) return null;
    const user = await this.auth.findUser(actor.userId);
    if (!user) return null;
    const expiresAt = await this.auth.sessionExpiry(actor.sessionId);
    return this.viewer(user, expiresAt);
  }

  @Mutation(() => Viewer, { description: 'Signs in and sets the httpOnly session cookie' })
  @Public()
  @AllowedBeforePasswordChange()
  async signIn(@Args('input') input: SignInInput, @Context() ctx: GraphqlContext): Promise<Viewer> {
    const signed = await this.auth.signIn(input.username, input.password, ctx.req.ip);
    ctx.res.cookie(SESSION_COOKIE, signed.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.nodeEnv === 'production',
      path: '/',
      expires: signed.expiresAt,
    });
    return this.viewer(signed.user, signed.expiresAt);
  }

  @Mutation(() => Boolean, { description: 'Ends the session and clears the cookie' })
  @Public()
  @AllowedBeforePasswordChange()
  async signOut(
    @OptionalActor() actor: Actor | null,
    @Context() ctx: GraphqlContext,
  ): Promise<boolean> {
    if (actor) await this.auth.signOut(actor);
    ctx.res.clearCookie(SESSION_COOKIE, { path: '/' });
    return true;
  }

  @Mutation(() => CreatedUser, {
    description: 'Creates an account; without a password, a one-time password is returned once',
  })
  @RequirePermission(Permission.UserManage)
  createUser(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateUserInput,
  ): Promise<CreatedUser> {
    return this.auth.createUser(input, actor);
  }

  @Mutation(() => Viewer, {
    description:
      'Changes the signed-in user’s password (current one required); ends their other sessions',
  })
  @RequirePermission(Permission.OwnAccount)
  @AllowedBeforePasswordChange()
  async changeOwnPassword(
    @CurrentActor() actor: Actor,
    @Args('input') input: ChangeOwnPasswordInput,
    @Context() ctx: GraphqlContext,
  ): Promise<Viewer> {
    const user = await this.auth.changeOwnPassword(actor, input, ctx.req.ip);
    return this.viewer(user, await this.auth.sessionExpiry(actor.sessionId));
  }

  @ResolveField(() => Organization)
  @FieldPermission(Permission.OrganizationRead)
  async organization(user: User, _args: NoArgs, ctx: GraphqlContext): Promise<Organization | null> {
    return this.organizations.byIdLoader(ctx.loaders).load(user.organizationId);
  }
}
