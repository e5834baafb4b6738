import {
  Args,
  ArgsType,
  Field,
  ID,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import {
  type Connection,
  CURSOR_BY_POSITION,
  CURSOR_BY_TIME,
  PageArgs,
  pagedComplexity,
  pageOf,
} from '../../common/pagination';
import { CurrentActor, RequirePermission } from '../../common/permission.decorator';
import { Permission } from '../../common/permissions';
import { OrganizationsService } from '../organizations';
import type { ImportBatchEntity, ImportBatchItemEntity } from './import-batch.entity';
import { ImportItemStatus } from './import-batch.entity';
import {
  ImportBatchConnection,
  ImportBatchCounts,
  ImportBatchItemConnection,
  ImportBatchItemModel,
  ImportBatchModel,
  ResolveImportItemInput,
} from './import-batch.model';
import { ImportBatchQueries } from './import-batch.queries';
import { ImportBatchesService } from './import-batches.service';

@ArgsType()
class ImportItemsArgs extends PageArgs {
  @Field(() => [ImportItemStatus], { nullable: true })
  statuses?: ImportItemStatus[] | null;
}

@Resolver(() => ImportBatchModel)
export class ImportBatchesResolver {
  constructor(
    private readonly batches: ImportBatchesService,
    private readonly queries: ImportBatchQueries,
    private readonly organizations: OrganizationsService,
  ) {}

  @Query(() => ImportBatchConnection, {
    description: 'Batch imports of published reports in the caller’s scope, newest first',
    complexity: pagedComplexity,
  })
  @RequirePermission(Permission.ImportBatch)
  importBatches(
    @CurrentActor() actor: Actor,
    @Args() args: PageArgs,
  ): Promise<Connection<ImportBatchEntity>> {
    return this.queries.list(actor, pageOf(args, CURSOR_BY_TIME));
  }

  @Query(() => ImportBatchModel)
  @RequirePermission(Permission.ImportBatch)
  importBatch(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ImportBatchEntity> {
    return this.queries.get(actor, id);
  }

  @Mutation(() => ImportBatchItemModel, {
    description: 'Picks the body of a file that needs a choice; the report is stored for it',
  })
  @RequirePermission(Permission.ImportBatch)
  resolveImportItem(
    @CurrentActor() actor: Actor,
    @Args('input') input: ResolveImportItemInput,
  ): Promise<ImportBatchItemEntity> {
    return this.batches.resolve(actor, input);
  }

  @Mutation(() => ImportBatchModel, {
    description: 'Stops a running batch; files not yet read are cancelled, stored ones stay',
  })
  @RequirePermission(Permission.ImportBatch)
  cancelImportBatch(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ImportBatchEntity> {
    return this.batches.cancel(actor, id);
  }

  @ResolveField(() => String, { description: 'The region’s name' })
  @RequirePermission(Permission.ImportBatch)
  async scopeName(batch: ImportBatchEntity): Promise<string> {
    return (await this.organizations.get(batch.scopeOrganizationId)).name;
  }

  @ResolveField(() => ImportBatchCounts)
  @RequirePermission(Permission.ImportBatch)
  async counts(batch: ImportBatchEntity): Promise<ImportBatchCounts> {
    const c = await this.queries.counts(batch.id);
    return {
      pending: c.PENDING,
      stored: c.STORED,
      matched: c.MATCHED,
      needsChoice: c.NEEDS_CHOICE,
      notAReport: c.NOT_A_REPORT,
      failed: c.FAILED,
      cancelled: c.CANCELLED,
      done: batch.total - c.PENDING,
    };
  }

  @ResolveField(() => ImportBatchItemConnection, { complexity: pagedComplexity })
  @RequirePermission(Permission.ImportBatch)
  items(
    @Parent() batch: ImportBatchEntity,
    @Args() args: ImportItemsArgs,
  ): Promise<Connection<ImportBatchItemEntity>> {
    return this.queries.items(batch.id, args.statuses ?? null, pageOf(args, CURSOR_BY_POSITION));
  }
}

@Resolver(() => ImportBatchItemModel)
export class ImportBatchItemsResolver {
  constructor(private readonly organizations: OrganizationsService) {}

  @ResolveField(() => String, { nullable: true, description: 'The matched or chosen body' })
  @RequirePermission(Permission.ImportBatch)
  async organizationName(item: ImportBatchItemEntity): Promise<string | null> {
    if (!item.organizationId) return null;
    return (await this.organizations.get(item.organizationId)).name;
  }
}
