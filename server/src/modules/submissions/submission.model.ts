import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { connectionType } from '../../common/pagination';
import { JSONScalar } from '../../graphql/json.scalar';
import { VersionSource } from './submission-version.entity';
import { SubmissionStatus } from './submission.entity';

registerEnumType(SubmissionStatus, {
  name: 'SubmissionStatus',
  description: 'draft → submitted → returned ↔ resubmitted → approved → published',
});
registerEnumType(VersionSource, { name: 'VersionSource' });

@ObjectType({ description: 'A problem found by check() (or the deadline rule)' })
export class Finding {
  @Field({ description: 'rule|cell,cell — stable across versions; used to justify a warning' })
  key: string;

  @Field()
  rule: string;

  @Field({ description: 'error, warning or info' })
  severity: string;

  @Field(() => [String])
  cells: string[];

  @Field(() => Float, { nullable: true })
  expected: number | null;

  @Field(() => Float, { nullable: true })
  actual: number | null;

  @Field()
  message: string;

  @Field()
  messageEn: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'originality.peer: the other organization, only for viewers who may see it (its reviewers and supervisors); otherwise null and the message says "another body"',
  })
  peerOrganizationId?: string | null;

  @Field(() => String, { nullable: true, description: "The bureau's justification, if any" })
  justification: string | null;
}

@ObjectType({ description: 'One immutable saved state of a report' })
export class SubmissionVersion {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  submissionId: string;

  @Field(() => Int)
  number: number;

  @Field(() => VersionSource)
  source: VersionSource;

  @Field(() => Int)
  errorCount: number;

  @Field(() => Int)
  warningCount: number;

  @Field(() => Int)
  infoCount: number;

  @Field(() => Int, { description: 'Blank template cells plus missing required sections' })
  gapCount: number;

  @Field()
  contentHash: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Previous-year version the cross-year rules used',
  })
  previousYearVersionId: string | null;

  @Field(() => ID, { nullable: true, description: 'Uploaded file this version was parsed from' })
  fileId: string | null;

  @Field(() => [String], { nullable: true })
  importWarnings: string[] | null;

  @Field(() => ID, { nullable: true })
  createdById: string | null;

  @Field()
  createdAt: Date;
}

@ObjectType({ description: "One organization's report in one round" })
export class Submission {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  roundId: string;

  @Field(() => ID)
  organizationId: string;

  @Field(() => SubmissionStatus)
  status: SubmissionStatus;

  @Field(() => Int, { description: 'Optimistic-lock token: pass it back with every change' })
  revision: number;

  @Field(() => Int)
  versionCount: number;

  @Field(() => ID, { nullable: true })
  currentVersionId: string | null;

  @Field(() => ID, { nullable: true })
  submittedVersionId: string | null;

  @Field(() => Date, { nullable: true })
  firstSubmittedAt: Date | null;

  @Field(() => Date, { nullable: true })
  lastSubmittedAt: Date | null;

  @Field(() => Date, { nullable: true })
  approvedAt: Date | null;

  @Field(() => Date, { nullable: true })
  publishedAt: Date | null;

  @Field(() => Int)
  returnCount: number;

  @Field(() => Int)
  reopenCount: number;

  @Field(() => Int, { description: 'Versions saved after a first approval' })
  changesAfterApproval: number;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

export const SubmissionConnection = connectionType(Submission, 'Submission');

@ObjectType({ description: 'An uploaded report file' })
export class ReportFile {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  submissionId: string;

  @Field()
  fileName: string;

  @Field()
  format: string;

  @Field(() => Int)
  size: number;

  @Field()
  sha256: string;

  @Field()
  createdAt: Date;

  @Field({ description: 'GET this path (with the session cookie) to download the original' })
  downloadPath: string;
}

@ObjectType()
export class CellChange {
  @Field({ description: 'Cell path or field (sections.problems, staffing.trainings, …)' })
  path: string;

  @Field(() => JSONScalar, { nullable: true })
  before: unknown;

  @Field(() => JSONScalar, { nullable: true })
  after: unknown;
}

@ObjectType({ description: 'Which cells and fields changed between two versions' })
export class VersionDiff {
  @Field(() => Int)
  fromNumber: number;

  @Field(() => Int)
  toNumber: number;

  @Field(() => [CellChange])
  changes: CellChange[];
}

@ObjectType({ description: 'Deadline and timeliness of one submission (Asia/Shanghai)' })
export class Timeliness {
  @Field({ description: 'Applicable last day, inclusive' })
  deadline: string;

  @Field()
  extended: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: 'First submission on or before the deadline; null before submission',
  })
  onTime: boolean | null;

  @Field(() => Finding, { nullable: true, description: 'timeliness.deadline finding when late' })
  finding: Finding | null;
}
