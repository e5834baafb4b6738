import { ResolveField, Resolver } from '@nestjs/graphql';
import { FieldPermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import type { NoArgs } from '../../graphql/field-resolver';
import type { GraphqlContext } from '../../graphql/graphql.options';
import { AuditEvent } from '../audit';
import { SubmissionReturn } from '../review';
import { RoundExtension } from '../rounds';
import { UserNamesService } from './user-names.service';

@Resolver(() => AuditEvent)
export class AuditEventActorResolver {
  constructor(private readonly names: UserNamesService) {}

  @ResolveField(() => String, {
    nullable: true,
    description: 'Display name of the user who acted; null for the system',
  })
  @FieldPermission(Permission.AuditRead)
  actorName(event: AuditEvent, _args: NoArgs, ctx: GraphqlContext): Promise<string | null> {
    return event.actorId
      ? this.names.loader(ctx.loaders).load(event.actorId)
      : Promise.resolve(null);
  }
}

@Resolver(() => RoundExtension)
export class RoundExtensionGranterResolver {
  constructor(private readonly names: UserNamesService) {}

  @ResolveField(() => String, { nullable: true, description: 'Display name of who granted it' })
  @FieldPermission(Permission.RoundRead)
  grantedByName(
    extension: RoundExtension,
    _args: NoArgs,
    ctx: GraphqlContext,
  ): Promise<string | null> {
    return extension.grantedById
      ? this.names.loader(ctx.loaders).load(extension.grantedById)
      : Promise.resolve(null);
  }
}

@Resolver(() => SubmissionReturn)
export class SubmissionReturnNamesResolver {
  constructor(private readonly names: UserNamesService) {}

  @ResolveField(() => String, { nullable: true, description: 'Display name of the reviewer' })
  @FieldPermission(Permission.SubmissionRead)
  reviewerName(r: SubmissionReturn, _args: NoArgs, ctx: GraphqlContext): Promise<string | null> {
    return r.reviewerId ? this.names.loader(ctx.loaders).load(r.reviewerId) : Promise.resolve(null);
  }

  @ResolveField(() => String, { nullable: true, description: 'Display name of who replied' })
  @FieldPermission(Permission.SubmissionRead)
  repliedByName(r: SubmissionReturn, _args: NoArgs, ctx: GraphqlContext): Promise<string | null> {
    return r.repliedById
      ? this.names.loader(ctx.loaders).load(r.repliedById)
      : Promise.resolve(null);
  }
}
