import {
  Args,
  Context,
  ID,
  Info,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Actor } from '../../common/actor';
import { notFound } from '../../common/domain-error';
import { CURSOR_BY_TEXT, pageOf, pagedComplexity, type Connection } from '../../common/pagination';
import {
  CurrentActor,
  FieldPermission,
  RequirePermission,
} from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { isUuid } from '../../common/uuid';
import type { NoArgs } from '../../graphql/field-resolver';
import type { GraphqlContext } from '../../graphql/graphql.options';
import { selectsField } from '../../graphql/selection';
import {
  ClosePreviewArgs,
  CloseOrganizationInput,
  CreateOrganizationInput,
  OrganizationsArgs,
  UpdateOrganizationInput,
} from './organization.inputs';
import {
  Organization,
  OrganizationClosePreview,
  OrganizationConnection,
} from './organization.model';
import type { OrganizationEntity } from './organization.entity';
import { OrganizationsService, pathIds } from './organizations.service';

@Resolver(() => Organization)
export class OrganizationsResolver {
  constructor(private readonly service: OrganizationsService) {}

  @Query(() => Organization, { description: 'One organization (directory data)' })
  @RequirePermission(Permission.OrganizationRead)
  async organization(
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: GraphqlContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Organization> {
    // the parent and children a page shows come in the body's own statement
    if (selectsField(info, 'parent') || selectsField(info, 'children'))
      this.service.withFamily(ctx.loaders, id);
    // through the request's loader: the page's other fields that need this body find it there
    const found = isUuid(id) ? await this.service.byIdLoader(ctx.loaders).load(id) : null;
    if (!found) throw notFound('organization');
    return found;
  }

  @Query(() => OrganizationConnection, { complexity: pagedComplexity })
  @RequirePermission(Permission.OrganizationRead)
  organizations(@Args() args: OrganizationsArgs): Promise<Connection<Organization>> {
    return this.service.list(args, pageOf(args, CURSOR_BY_TEXT));
  }

  @Query(() => OrganizationClosePreview, {
    description: 'What closing a body after lastYear would close, and what stands in the way',
  })
  @RequirePermission(Permission.OrganizationManage)
  organizationClosePreview(@Args() args: ClosePreviewArgs): Promise<OrganizationClosePreview> {
    return this.service.closePreview(args.id, args.lastYear);
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
  parent(org: Organization, _args: NoArgs, ctx: GraphqlContext): Promise<Organization | null> {
    return org.parentId
      ? this.service.byIdLoader(ctx.loaders).load(org.parentId)
      : Promise.resolve(null);
  }

  @ResolveField(() => [Organization], {
    description: 'The ancestors, root first (from the materialised path)',
  })
  @FieldPermission(Permission.OrganizationRead)
  async ancestors(
    org: Organization & { path?: string },
    _args: NoArgs,
    ctx: GraphqlContext,
  ): Promise<Organization[]> {
    const ids = pathIds(org.path ?? '').filter((id) => id !== org.id);
    const found = await this.service.byIdLoader(ctx.loaders).loadMany(ids);
    return found.filter((o): o is OrganizationEntity => !!o && !(o instanceof Error));
  }

  @ResolveField(() => Int, { description: 'Direct children' })
  @FieldPermission(Permission.OrganizationRead)
  async childCount(org: Organization, _args: NoArgs, ctx: GraphqlContext): Promise<number> {
    return (await this.service.countsLoader(ctx.loaders, 0).load(org.id)).children;
  }

  @ResolveField(() => Int, {
    description: 'Reporting bodies in the subtree (the node included) active in the year',
  })
  @FieldPermission(Permission.OrganizationRead)
  async reportingBodies(
    @Parent() org: Organization,
    @Context() ctx: GraphqlContext,
    @Args('year', { type: () => Int }) year: number,
  ): Promise<number> {
    return (await this.service.countsLoader(ctx.loaders, year).load(org.id)).reportingBodies;
  }

  @ResolveField(() => [Organization])
  @FieldPermission(Permission.OrganizationRead)
  children(org: Organization, _args: NoArgs, ctx: GraphqlContext): Promise<Organization[]> {
    return this.service.childrenLoader(ctx.loaders).load(org.id);
  }
}
