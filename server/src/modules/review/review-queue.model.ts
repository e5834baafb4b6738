import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageArgs, PageInfo } from '../../common/pagination';
import { Organization } from '../organizations';
import { Submission } from '../submissions';

/** Where a body stands in a round: its submission's status, or not started (no submission). */
export enum QueueStatus {
  NOT_STARTED = 'NOT_STARTED',
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  RESUBMITTED = 'RESUBMITTED',
  APPROVED = 'APPROVED',
  PUBLISHED = 'PUBLISHED',
}

export enum QueueSort {
  /** The body's deadline (extension included). */
  DEADLINE = 'DEADLINE',
  /** Findings of the version that counts (submitted, else the latest draft). */
  FINDINGS = 'FINDINGS',
  /** Time since the last submission; bodies that have not submitted come last. */
  WAITING = 'WAITING',
}

export enum FindingSeverity {
  ERROR = 'error',
  WARNING = 'warning',
  INFO = 'info',
}

registerEnumType(QueueStatus, {
  name: 'QueueStatus',
  description: 'A submission status, or NOT_STARTED for a body without a submission',
});
registerEnumType(QueueSort, { name: 'QueueSort' });
registerEnumType(FindingSeverity, { name: 'FindingSeverity' });

@ArgsType()
export class ReviewQueueEntriesArgs extends PageArgs {
  @Field(() => ID)
  roundId: string;

  @Field(() => [QueueStatus], { nullable: true, description: 'Any of these (default: all)' })
  statuses?: QueueStatus[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only bodies whose counting version has a finding of this rule',
  })
  rule?: string | null;

  @Field(() => FindingSeverity, {
    nullable: true,
    description: 'Only bodies whose counting version has a finding of this severity',
  })
  severity?: FindingSeverity | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: submitted after the deadline or still missing past it; false: the others',
  })
  late?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: the counting version has blank cells or missing sections; false: it has none',
  })
  incomplete?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only bodies in this subtree of the scope' })
  withinId?: string | null;

  @Field(() => String, { nullable: true, description: "Part of the body's name or code" })
  search?: string | null;

  @Field(() => QueueSort, { nullable: true, description: 'Default DEADLINE' })
  sort?: QueueSort | null;

  @Field(() => Boolean, { nullable: true, description: 'Reverse order (default false)' })
  descending?: boolean | null;
}

@ObjectType({ description: 'One body expected in the round, where it stands and what waits' })
export class ReviewQueueEntry {
  @Field(() => ID, { description: 'Round and body: `<round id>:<organization id>`' })
  id: string;

  @Field(() => Organization)
  organization: Organization;

  @Field(() => Submission, { nullable: true, description: 'Null before the body starts' })
  submission: Submission | null;

  @Field(() => QueueStatus)
  status: QueueStatus;

  @Field({ description: 'Deadline that applies (YYYY-MM-DD, Asia/Shanghai), extension included' })
  deadline: string;

  @Field({ description: 'The deadline was extended for this body' })
  extended: boolean;

  @Field({ description: 'Submitted after the deadline, or still missing past it' })
  late: boolean;

  @Field(() => Date, { nullable: true })
  lastSubmittedAt: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Whole days since the last submission while it waits for a decision',
  })
  waitingDays: number | null;

  @Field(() => Int, { description: 'Findings of the version that counts' })
  findingCount: number;

  @Field({
    description:
      'The viewer may approve or return it now (waiting for a decision, not their own office’s report)',
  })
  decidable: boolean;
}

@ObjectType()
export class ReviewQueueEntryEdge {
  @Field()
  cursor: string;

  @Field(() => ReviewQueueEntry)
  node: ReviewQueueEntry;
}

@ObjectType()
export class QueueStatusCount {
  @Field(() => QueueStatus)
  status: QueueStatus;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'A page of the review queue, the total and counts per status' })
export class ReviewQueueConnection {
  @Field(() => [ReviewQueueEntryEdge])
  edges: ReviewQueueEntryEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int)
  totalCount: number;

  @Field(() => [QueueStatusCount], {
    description: 'Entries per status under the same filters but the status filter; zeros included',
  })
  statusCounts: QueueStatusCount[];
}
