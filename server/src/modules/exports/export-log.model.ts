import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { connectionType } from '../../common/pagination';
import { ExportKind } from './export-log.entity';

registerEnumType(ExportKind, { name: 'ExportKind', description: 'What was downloaded' });

@ObjectType({ description: 'One download of a ranking sheet or report' })
export class ExportLog {
  @Field(() => ID)
  id: string;

  @Field(() => ExportKind)
  kind: ExportKind;

  @Field(() => ID, { description: 'Who downloaded it' })
  actorId: string;

  @Field(() => ID, { description: 'The region or organization exported' })
  scopeOrganizationId: string;

  @Field(() => ID, { nullable: true })
  roundId: string | null;

  @Field(() => ID, { nullable: true, description: 'The snapshot exported (null: live data)' })
  snapshotId: string | null;

  @Field(() => ID, { nullable: true })
  submissionId: string | null;

  @Field()
  fileName: string;

  @Field(() => Int)
  rowCount: number;

  @Field({ description: "Whether holders' names were included (staffing exports)" })
  includeNames: boolean;

  @Field({ description: 'false when the download was interrupted' })
  completed: boolean;

  @Field()
  createdAt: Date;
}

export const ExportLogConnection = connectionType(ExportLog, 'ExportLog');
