import {
  Args,
  Context,
  ID,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { CURSOR_BY_TEXT, pageOf, pagedComplexity, type Connection } from '../../common/pagination';
import {
  CurrentActor,
  FieldPermission,
  RequirePermission,
} from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import type { GraphqlContext } from '../../graphql/graphql.options';
import {
  CloseOrganizationInput,
  CreateOrganizationInput,
  OrganizationsArgs,
  UpdateOrganizationInput,
} from './organization.inputs';
import { Organization, OrganizationConnection } from './organization.model';
import { OrganizationsService } from './organizations.service';

@Resolver(() => Organization)
export class OrganizationsResolver {
  constructor(private readonly service: OrganizationsService) {}

  @Query(() => Organization, { description: 'One organization (directory data)' })
  @RequirePermission(Permission.OrganizationRead)
  organization(@Args('id', { type: () => ID }) id: string): Promise<Organization> {
    return this.service.get(id);
  }

  @Query(() => OrganizationConnection, { complexity: pagedComplexity })
  @RequirePermission(Permission.OrganizationRead)
  organizations(@Args() args: OrganizationsArgs): Promise<Connection<Organization>> {
    return this.service.list(args, pageOf(args, CURSOR_BY_TEXT));
  }

  @Mutation(() => Organization)
  @RequirePermission(Permission.OrganizationManage)
  createOrganization(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateOrganizationInput,
  ): Promise<Organization> {
    return this.service.create(actor, input);
  }

  @Mutation(() => Organization)
  @RequirePermission(Permission.OrganizationManage)
  updateOrganization(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdateOrganizationInput,
  ): Promise<Organization> {
    return this.service.update(actor, input);
  }

  @Mutation(() => Organization)
  @RequirePermission(Permission.OrganizationManage)
  closeOrganization(
    @CurrentActor() actor: Actor,
    @Args('input') input: CloseOrganizationInput,
  ): Promise<Organization> {
    return this.service.close(actor, input);
  }

  @ResolveField(() => Organization, { nullable: true })
  @FieldPermission(Permission.OrganizationRead)
  parent(
    @Parent() org: Organization,
    @Context() ctx: GraphqlContext,
  ): Promise<Organization | null> {
    return org.parentId
      ? this.service.byIdLoader(ctx.loaders).load(org.parentId)
      : Promise.resolve(null);
  }

  @ResolveField(() => [Organization])
  @FieldPermission(Permission.OrganizationRead)
  children(@Parent() org: Organization, @Context() ctx: GraphqlContext): Promise<Organization[]> {
    return this.service.childrenLoader(ctx.loaders).load(org.id);
  }
}
