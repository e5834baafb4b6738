import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { JSONScalar } from '../../graphql/json.scalar';
import { OrganizationLevel } from '../organizations';
import { AssignmentSource } from './post-assignment.entity';

registerEnumType(AssignmentSource, {
  name: 'AssignmentSource',
  description: 'Entered by the bureau, or proposed from the report and confirmed',
});

@ObjectType({ description: 'A post a round requires of a kind of organization' })
export class RequiredPost {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  roundId: string;

  @Field()
  postKey: string;

  @Field()
  labelZh: string;

  @Field()
  labelEn: string;

  @Field(() => Int)
  minCount: number;

  @Field()
  fullTimeRequired: boolean;

  @Field({ description: 'Holders count as disclosure staff (专职/兼职人员)' })
  countsAsStaff: boolean;

  @Field(() => OrganizationLevel, { nullable: true, description: 'null: every level' })
  organizationLevel: OrganizationLevel | null;

  @Field(() => String, { nullable: true, description: 'null: every kind' })
  organizationKind: string | null;

  @Field(() => Int)
  sortOrder: number;
}

@ObjectType({ description: 'Someone holding a post, from/until (Asia/Shanghai days, inclusive)' })
export class PostHolder {
  @Field(() => ID)
  id: string;

  @Field()
  postKey: string;

  @Field({ description: 'Personal data: only the organization and its reviewers see it' })
  holderName: string;

  @Field()
  fullTime: boolean;

  @Field()
  fromDate: string;

  @Field(() => String, { nullable: true })
  untilDate: string | null;

  @Field(() => AssignmentSource)
  source: AssignmentSource;

  @Field(() => ID, { nullable: true, description: 'Report version a prefilled holder came from' })
  sourceVersionId: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. staffing.partTimeStaff' })
  sourcePath: string | null;

  @Field(() => Int, { nullable: true, description: 'Line of the report stating the fact' })
  sourceLine: number | null;

  @Field(() => Int)
  revision: number;
}

@ObjectType({ description: 'A required post on the day the roster is read' })
export class RosterPostState {
  @Field()
  postKey: string;

  @Field()
  labelZh: string;

  @Field()
  labelEn: string;

  @Field(() => Int)
  minCount: number;

  @Field()
  fullTimeRequired: boolean;

  @Field(() => [PostHolder])
  holders: PostHolder[];

  @Field(() => Int)
  fullTimeHolders: number;

  @Field()
  vacant: boolean;

  @Field(() => String, { nullable: true, description: 'First vacant day while vacant' })
  vacantSince: string | null;

  @Field(() => Int, { nullable: true })
  daysVacant: number | null;

  @Field(() => String, { nullable: true, description: 'Vacancy declared by the bureau' })
  declaredVacantSince: string | null;
}

@ObjectType()
export class StaffingTraining {
  @Field(() => ID)
  id: string;

  @Field()
  heldOn: string;

  @Field()
  topic: string;

  @Field(() => Float)
  hours: number;
}

@ObjectType({ description: 'A staffing gap with the facts that raised it' })
export class StaffingFlag {
  @Field()
  id: string;

  @Field()
  severity: string;

  @Field()
  labelZh: string;

  @Field()
  labelEn: string;

  @Field()
  message: string;

  @Field()
  messageEn: string;

  @Field(() => JSONScalar)
  evidence: unknown;
}

@ObjectType({ description: 'Staffing facts stated in the report (canonical `staffing`)' })
export class ReportStaffing {
  @Field(() => ID, { nullable: true })
  versionId: string | null;

  @Field(() => Boolean, { nullable: true })
  leadingGroup: boolean | null;

  @Field(() => Int, { nullable: true })
  dedicatedStaff: number | null;

  @Field(() => Int, { nullable: true })
  partTimeStaff: number | null;

  @Field(() => Int, { nullable: true })
  trainings: number | null;
}

@ObjectType({ description: "An organization's disclosure roster as it stood for a round" })
export class StaffingRoster {
  @Field(() => ID)
  organizationId: string;

  @Field(() => ID)
  roundId: string;

  @Field(() => Int)
  year: number;

  @Field({ description: 'Instant the roster is read at (now, or a closed round’s deadline)' })
  asOf: string;

  @Field({ description: 'Asia/Shanghai day of asOf' })
  asOfDate: string;

  @Field({ description: 'Whether a roster was kept by then (otherwise the prose counts)' })
  present: boolean;

  @Field(() => String, { nullable: true })
  lastUpdatedAt: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The roster must have been updated at or after this (the last round)',
  })
  updatedSince: string | null;

  @Field(() => [RosterPostState])
  posts: RosterPostState[];

  @Field(() => Int)
  fullTimeStaff: number;

  @Field(() => Int)
  partTimeStaff: number;

  @Field(() => Boolean, { nullable: true })
  leadingGroup: boolean | null;

  @Field(() => String, { nullable: true })
  leadingGroupEstablishedOn: string | null;

  @Field(() => String, { nullable: true })
  leadingGroupDissolvedOn: string | null;

  @Field(() => Int, { description: 'Optimistic-lock token of the leading group record' })
  profileRevision: number;

  @Field(() => Int)
  trainingsInYear: number;

  @Field(() => [StaffingTraining])
  trainings: StaffingTraining[];

  @Field(() => [PostHolder], { description: 'Every holding, past and future included' })
  history: PostHolder[];

  @Field(() => ReportStaffing, { nullable: true })
  reportStaffing: ReportStaffing | null;

  @Field(() => [StaffingFlag])
  flags: StaffingFlag[];
}

@ObjectType({ description: 'A holder proposed from the report, to be confirmed by the bureau' })
export class PrefillHolder {
  @Field()
  postKey: string;

  @Field()
  fullTime: boolean;

  @Field()
  path: string;

  @Field(() => Int, { nullable: true })
  line: number | null;

  @Field(() => Float, { nullable: true })
  confidence: number | null;
}

@ObjectType({ description: "Roster proposals from the report's staffing facts, with provenance" })
export class StaffingPrefill {
  @Field(() => ID)
  organizationId: string;

  @Field(() => ID)
  roundId: string;

  @Field(() => ID, { nullable: true })
  versionId: string | null;

  @Field(() => ReportStaffing, { nullable: true })
  reportStaffing: ReportStaffing | null;

  @Field(() => [PrefillHolder])
  holders: PrefillHolder[];

  @Field(() => Boolean, { nullable: true, description: 'Leading group stated in the report' })
  leadingGroup: boolean | null;

  @Field(() => Int, { nullable: true })
  leadingGroupLine: number | null;

  @Field(() => Int, { nullable: true, description: 'Trainings stated (enter their dates)' })
  trainings: number | null;
}

@ObjectType()
export class VacanciesByPost {
  @Field()
  postKey: string;

  @Field()
  labelZh: string;

  @Field()
  labelEn: string;

  @Field(() => Int, { description: 'Organizations with a roster that require the post' })
  required: number;

  @Field(() => Int)
  vacant: number;
}

@ObjectType({ description: 'A vacancy in the region (organization names are directory data)' })
export class RegionVacancy {
  @Field(() => ID)
  organizationId: string;

  @Field()
  organizationName: string;

  @Field()
  postKey: string;

  @Field()
  labelZh: string;

  @Field()
  labelEn: string;

  @Field(() => String, { nullable: true })
  vacantSince: string | null;

  @Field(() => Int, { nullable: true })
  daysVacant: number | null;
}

@ObjectType({ description: 'Staffing of a region in a round: counts, never names' })
export class StaffingPanel {
  @Field(() => ID)
  roundId: string;

  @Field(() => ID)
  nodeId: string;

  @Field()
  asOf: string;

  @Field(() => Int, { description: 'Organizations expected in the round' })
  expected: number;

  @Field(() => Int, { description: 'Of them, with a roster' })
  withRoster: number;

  @Field(() => Int, { description: 'With a roster and every required post filled' })
  allFilled: number;

  @Field(() => Float, { description: 'allFilled ÷ expected (0 when none expected)' })
  allFilledShare: number;

  @Field(() => Int)
  notUpdated: number;

  @Field(() => Int)
  noFullTime: number;

  @Field(() => [VacanciesByPost])
  vacanciesByPost: VacanciesByPost[];

  @Field(() => [RegionVacancy], { description: 'Longest first, at most 20' })
  longestVacancies: RegionVacancy[];

  @Field(() => JSONScalar, { description: 'Staffing flag counts by flag id' })
  flagCounts: unknown;
}
