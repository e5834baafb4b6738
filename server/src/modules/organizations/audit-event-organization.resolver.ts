import { ResolveField, Resolver } from '@nestjs/graphql';
import { FieldPermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import type { NoArgs } from '../../graphql/field-resolver';
import type { GraphqlContext } from '../../graphql/graphql.options';
import { AuditEvent } from '../audit';
import { OrganizationsService } from './organizations.service';

/** The name of the organization an audit event concerns, through the request's loader. */
@Resolver(() => AuditEvent)
export class AuditEventOrganizationResolver {
  constructor(private readonly organizations: OrganizationsService) {}

  @ResolveField(() => String, { nullable: true })
  @FieldPermission(Permission.AuditRead)
  async organizationName(
    event: AuditEvent,
    _args: NoArgs,
    ctx: GraphqlContext,
  ): Promise<string | null> {
    const organization = await this.organizations
      .byIdLoader(ctx.loaders)
      .load(event.organizationId);
    return organization?.name ?? null;
  }
}
