import { Args, ArgsType, Field, ID, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import {
  CURSOR_BY_TIME,
  pageOf,
  PageArgs,
  pagedComplexity,
  type Connection,
} from '../../common/pagination';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { AuditEvent, AuditEventConnection } from './audit-event.model';
import { AuditService } from './audit.service';

@ArgsType()
class AuditEventsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true })
  submissionId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Events of this organization and every body under it',
  })
  withinId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'An action (round.extend) or a kind of actions (round: every round.*)',
  })
  action?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Part of the organization’s or the actor’s name, the reason or the data',
  })
  search?: string | null;
}

@Resolver(() => AuditEvent)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditEventConnection, {
    description: 'Recorded state changes the viewer may read, newest first',
    complexity: pagedComplexity,
  })
  @RequirePermission(Permission.AuditRead)
  auditEvents(
    @CurrentActor() actor: Actor,
    @Args() args: AuditEventsArgs,
  ): Promise<Connection<AuditEvent>> {
    return this.audit.list(actor, args, pageOf(args, CURSOR_BY_TIME));
  }
}
