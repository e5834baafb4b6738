import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { pageOf, pagedComplexity } from '../../common/pagination';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { ReviewQueueConnection, ReviewQueueEntriesArgs } from './review-queue.model';
import { CURSOR_OF_QUEUE, type QueuePage, ReviewQueueService } from './review-queue.query';

@Resolver()
export class ReviewQueueResolver {
  constructor(private readonly queue: ReviewQueueService) {}

  @Query(() => ReviewQueueConnection, {
    description:
      'Every body expected in a round within the viewer’s scope, also those not started: filtered, sorted and paged over the whole scope, with counts per status',
    complexity: pagedComplexity,
  })
  @RequirePermission(Permission.ReviewRead)
  reviewQueueEntries(
    @CurrentActor() actor: Actor,
    @Args() args: ReviewQueueEntriesArgs,
  ): Promise<QueuePage> {
    return this.queue.entries(actor, args, pageOf(args, CURSOR_OF_QUEUE));
  }
}
