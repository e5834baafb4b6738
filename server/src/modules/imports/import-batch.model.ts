import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { connectionType } from '../../common/pagination';
import { JSONScalar } from '../../graphql/json.scalar';
import { ImportBatchStatus, ImportItemStatus } from './import-batch.entity';

registerEnumType(ImportBatchStatus, { name: 'ImportBatchStatus' });
registerEnumType(ImportItemStatus, {
  name: 'ImportItemStatus',
  description:
    'PENDING waits to be read; STORED imported; MATCHED matched but not stored (the body has a report); NEEDS_CHOICE waits for a person to pick the body; NOT_A_REPORT; FAILED with a reason; CANCELLED with the batch',
});

@ObjectType()
export class ImportCandidateModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;
}

@ObjectType('ImportBatchCounts')
export class ImportBatchCounts {
  @Field(() => Int) pending: number;
  @Field(() => Int) stored: number;
  @Field(() => Int) matched: number;
  @Field(() => Int) needsChoice: number;
  @Field(() => Int) notAReport: number;
  @Field(() => Int) failed: number;
  @Field(() => Int) cancelled: number;
  @Field(() => Int, { description: 'Files read so far (every status but PENDING)' })
  done: number;
}

@ObjectType('ImportBatchItem')
export class ImportBatchItemModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  batchId: string;

  @Field(() => Int)
  position: number;

  @Field()
  fileName: string;

  @Field(() => ImportItemStatus)
  status: ImportItemStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Reason key (`error.<key>` in the web catalogues)',
  })
  reasonKey: string | null;

  @Field(() => JSONScalar, { nullable: true })
  reasonParams: Record<string, string | number> | null;

  @Field(() => [ImportCandidateModel], { nullable: true })
  candidates: ImportCandidateModel[] | null;

  @Field(() => String, { nullable: true, description: 'The issuing body as read from the file' })
  readName: string | null;

  @Field(() => String, { nullable: true })
  format: string | null;

  @Field(() => [String], { nullable: true })
  warnings: string[] | null;

  @Field(() => ID, { nullable: true })
  organizationId: string | null;

  @Field(() => ID, { nullable: true })
  submissionId: string | null;
}

export const ImportBatchItemConnection = connectionType(ImportBatchItemModel, 'ImportBatchItem');

@ObjectType('ImportBatch')
export class ImportBatchModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  scopeOrganizationId: string;

  @Field(() => Int)
  year: number;

  @Field(() => ImportBatchStatus)
  status: ImportBatchStatus;

  @Field(() => Int)
  total: number;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;
}

export const ImportBatchConnection = connectionType(ImportBatchModel, 'ImportBatch');

@InputType()
export class ResolveImportItemInput {
  @Field(() => ID)
  itemId: string;

  @Field(() => ID)
  organizationId: string;
}
