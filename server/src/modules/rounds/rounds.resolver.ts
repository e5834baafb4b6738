import {
  Args,
  ArgsType,
  Field,
  ID,
  Int,
  Mutation,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import {
  type Connection,
  CURSOR_BY_TEXT,
  pageOf,
  PageArgs,
  pagedComplexity,
} from '../../common/pagination';
import {
  CurrentActor,
  FieldPermission,
  RequirePermission,
  signedInActor,
} from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import type { NoArgs } from '../../graphql/field-resolver';
import type { GraphqlContext } from '../../graphql/graphql.options';
import { Organization, OrganizationsService } from '../organizations';
import { CreateRoundInput, GrantExtensionInput, UpdateRoundInput } from './round.inputs';
import { RoundStatus } from './round.entity';
import { Round, RoundConnection, RoundExtension } from './round.model';
import { RoundCommands } from './round-commands';
import { RoundQueries } from './round-queries';

@ArgsType()
class RoundsArgs {
  @Field(() => ID, { nullable: true })
  scopeOrganizationId?: string | null;

  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Only the rounds this organization reports in: rounds of its ancestors, in years it is active',
  })
  forOrganizationId?: string | null;
}

@ArgsType()
class ManagedRoundsArgs extends PageArgs {
  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => ID, { nullable: true, description: 'The collecting government' })
  scopeOrganizationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Part of the collecting government’s name' })
  search?: string | null;
}

@Resolver(() => Round)
export class RoundsResolver {
  constructor(
    private readonly queries: RoundQueries,
    private readonly commands: RoundCommands,
    private readonly organizations: OrganizationsService,
  ) {}

  @Query(() => Round)
  @RequirePermission(Permission.RoundRead)
  round(@Args('id', { type: () => ID }) id: string): Promise<Round> {
    return this.queries.get(id);
  }

  @Query(() => [Round], {
    description:
      'Rounds that concern the viewer (its own and its ancestors’ rounds; for reviewers and supervisors also those in its subtree), newest first (at most 500)',
  })
  @RequirePermission(Permission.RoundRead)
  rounds(@CurrentActor() actor: Actor, @Args() args: RoundsArgs): Promise<Round[]> {
    return args.forOrganizationId
      ? this.queries.roundsForOrganization(args.forOrganizationId, args)
      : this.queries.list(actor, args);
  }

  @Query(() => RoundConnection, {
    description: 'Rounds run by governments in the viewer’s scope, newest year first (paged)',
    complexity: pagedComplexity,
  })
  @RequirePermission(Permission.RoundManage)
  managedRounds(
    @CurrentActor() actor: Actor,
    @Args() args: ManagedRoundsArgs,
  ): Promise<Connection<Round>> {
    return this.queries.listManaged(actor, args, pageOf(args, CURSOR_BY_TEXT));
  }

  @Mutation(() => Round)
  @RequirePermission(Permission.RoundManage)
  createRound(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateRoundInput,
  ): Promise<Round> {
    const { open, ...rest } = input;
    return this.commands.create(actor, { ...rest, status: open ? RoundStatus.OPEN : undefined });
  }

  @Mutation(() => Round, { description: 'Deadlines and status (open, close, reopen)' })
  @RequirePermission(Permission.RoundManage)
  updateRound(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdateRoundInput,
  ): Promise<Round> {
    return this.commands.update(actor, input);
  }

  @Mutation(() => RoundExtension)
  @RequirePermission(Permission.RoundManage)
  grantExtension(
    @CurrentActor() actor: Actor,
    @Args('input') input: GrantExtensionInput,
  ): Promise<RoundExtension> {
    return this.commands.grantExtension(actor, input);
  }

  @ResolveField(() => Organization)
  @FieldPermission(Permission.RoundRead)
  scopeOrganization(
    round: Round,
    _args: NoArgs,
    ctx: GraphqlContext,
  ): Promise<Organization | null> {
    return this.organizations.byIdLoader(ctx.loaders).load(round.scopeOrganizationId);
  }

  @ResolveField(() => [RoundExtension], { description: 'Extensions within the viewer’s scope' })
  @FieldPermission(Permission.RoundRead)
  extensions(round: Round, _args: NoArgs, ctx: GraphqlContext): Promise<RoundExtension[]> {
    return this.queries.extensionsVisibleLoader(ctx.loaders, signedInActor(ctx.req)).load(round.id);
  }
}

@Resolver(() => RoundExtension)
export class RoundExtensionsResolver {
  constructor(private readonly organizations: OrganizationsService) {}

  @ResolveField(() => Organization, { description: 'The body granted the later deadline' })
  @FieldPermission(Permission.RoundRead)
  organization(
    extension: RoundExtension,
    _args: NoArgs,
    ctx: GraphqlContext,
  ): Promise<Organization | null> {
    return this.organizations.byIdLoader(ctx.loaders).load(extension.organizationId);
  }
}
