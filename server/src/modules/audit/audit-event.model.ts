import { Field, ID, ObjectType } from '@nestjs/graphql';
import { connectionType } from '../../common/pagination';
import { JSONScalar } from '../../graphql/json.scalar';

@ObjectType({ description: 'A recorded state change' })
export class AuditEvent {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  organizationId: string;

  @Field(() => ID, { nullable: true })
  submissionId: string | null;

  @Field(() => ID, { nullable: true })
  roundId: string | null;

  @Field(() => ID, { nullable: true })
  actorId: string | null;

  @Field({ description: 'e.g. submission.submit, submission.return, round.extend' })
  action: string;

  @Field(() => String, { nullable: true })
  fromStatus: string | null;

  @Field(() => String, { nullable: true })
  toStatus: string | null;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field(() => JSONScalar)
  data: Record<string, unknown>;

  @Field()
  createdAt: Date;
}

export const AuditEventConnection = connectionType(AuditEvent, 'AuditEvent');
