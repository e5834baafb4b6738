import { type AnnualReport } from '@gongkai/report-model';
import { generateConsistentReport } from '@gongkai/report-model/testing';
import type { TestApp } from '../test-app';
import { Role } from '../../src/common/permissions';
import { AuthService } from '../../src/modules/auth/auth.service';
import {
  OrganizationLevel,
  type OrganizationEntity,
} from '../../src/modules/organizations/organization.entity';
import { OrganizationsService } from '../../src/modules/organizations/organizations.service';
import { RoundStatus, type RoundEntity } from '../../src/modules/rounds/round.entity';
import { RoundsService } from '../../src/modules/rounds/rounds.service';

export const PASSWORD = 'correct-horse-battery';

export type GqlResult<T> = {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: string[] }[];
};

/**
 * A small city for tests:
 *   city (CITY) ── countyA (COUNTY) ── deptA1, deptA2, closedA3 (reports up to 2022)
 *              ├─ countyB (COUNTY) ── deptB1
 *              └─ cityDept (DEPARTMENT)
 * Users: admin, reviewer (city office), reviewerA (county A office), supervisor (city),
 * bureauA1, bureauA2, bureauB1. Round 2023 is open, 2024 planned, 2022 open.
 */
export type World = {
  app: TestApp;
  org: Record<
    'city' | 'countyA' | 'countyB' | 'deptA1' | 'deptA2' | 'closedA3' | 'deptB1' | 'cityDept',
    OrganizationEntity
  >;
  round2022: RoundEntity;
  round2023: RoundEntity;
  round2024: RoundEntity;
  cookie: Record<UserKey, string>;
  username: Record<UserKey, string>;
};

export type UserKey =
  'admin' | 'reviewer' | 'reviewerA' | 'supervisor' | 'bureauA1' | 'bureauA2' | 'bureauB1';

let counter = 0;

export async function buildWorld(app: TestApp): Promise<World> {
  const orgs = app.app.get(OrganizationsService);
  const rounds = app.app.get(RoundsService);
  const auth = app.app.get(AuthService);
  const p = `w${++counter}${Date.now().toString(36)}`;
  const make = (
    code: string,
    name: string,
    level: OrganizationLevel,
    parentId: string | null,
    extra: Partial<OrganizationEntity> = {},
  ) =>
    orgs.create(null, {
      code: `${p}-${code}`,
      name,
      level,
      parentId,
      kind: extra.kind ?? null,
      activeToYear: extra.activeToYear ?? null,
      activeFromYear: extra.activeFromYear ?? null,
    });
  const city = await make('city', '测试市', OrganizationLevel.CITY, null);
  const countyA = await make('a', '甲县', OrganizationLevel.COUNTY, city.id);
  const countyB = await make('b', '乙县', OrganizationLevel.COUNTY, city.id);
  const deptA1 = await make('a1', '甲县科学技术局', OrganizationLevel.DEPARTMENT, countyA.id, {
    kind: '科技局',
  });
  const deptA2 = await make('a2', '甲县教育局', OrganizationLevel.DEPARTMENT, countyA.id, {
    kind: '教育局',
  });
  const closedA3 = await make('a3', '甲县粮食局', OrganizationLevel.DEPARTMENT, countyA.id, {
    kind: '粮食局',
    activeToYear: 2022,
  });
  const deptB1 = await make('b1', '乙县科学技术局', OrganizationLevel.DEPARTMENT, countyB.id, {
    kind: '科技局',
  });
  const cityDept = await make('c1', '测试市财政局', OrganizationLevel.DEPARTMENT, city.id, {
    kind: '财政局',
  });
  const users: Record<UserKey, [Role, OrganizationEntity]> = {
    admin: [Role.ADMIN, city],
    reviewer: [Role.REVIEWER, city],
    reviewerA: [Role.REVIEWER, countyA],
    supervisor: [Role.SUPERVISOR, city],
    bureauA1: [Role.BUREAU, deptA1],
    bureauA2: [Role.BUREAU, deptA2],
    bureauB1: [Role.BUREAU, deptB1],
  };
  const cookie = {} as Record<UserKey, string>;
  const username = {} as Record<UserKey, string>;
  for (const [key, [role, org]] of Object.entries(users) as [
    UserKey,
    [Role, OrganizationEntity],
  ][]) {
    await auth.createUser({
      username: `${p}-${key}`,
      displayName: key,
      password: PASSWORD,
      role,
      organizationId: org.id,
    });
    username[key] = `${p}-${key}`;
    cookie[key] = await signIn(app, username[key]);
  }
  const round2022 = await rounds.create(null, {
    year: 2022,
    scopeOrganizationId: city.id,
    status: RoundStatus.OPEN,
  });
  const round2023 = await rounds.create(null, {
    year: 2023,
    scopeOrganizationId: city.id,
    status: RoundStatus.OPEN,
  });
  const round2024 = await rounds.create(null, {
    year: 2024,
    scopeOrganizationId: city.id,
    status: RoundStatus.PLANNED,
  });
  return {
    app,
    org: { city, countyA, countyB, deptA1, deptA2, closedA3, deptB1, cityDept },
    round2022,
    round2023,
    round2024,
    cookie,
    username,
  };
}

export async function signIn(app: TestApp, username: string, password = PASSWORD): Promise<string> {
  const res = await app
    .http()
    .post('/graphql')
    .send({
      query: 'mutation($i: SignInInput!) { signIn(input: $i) { user { id } } }',
      variables: { i: { username, password } },
    });
  const setCookie = res.headers['set-cookie'] as unknown as string[] | undefined;
  const session = setCookie?.find((c) => c.startsWith('gongkai_session='));
  if (!session) throw new Error(`sign-in failed for ${username}: ${JSON.stringify(res.body)}`);
  return session.split(';')[0]!;
}

/** Runs an operation and fails the test with the errors when there are any. */
export async function gqlOk<T>(
  app: TestApp,
  query: string,
  variables: Record<string, unknown>,
  cookie?: string,
): Promise<T> {
  const res = await app.graphql<T>(query, variables, cookie);
  if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

/** The error code of the first error (or 'OK' when none). */
export function codeOf(res: GqlResult<unknown>): string {
  return (res.errors?.[0]?.extensions?.code as string | undefined) ?? 'OK';
}

export function makeReport(
  seed: number,
  year: number,
  name: string,
  options: { previous?: AnnualReport } = {},
): AnnualReport {
  return generateConsistentReport(seed, year >= 2021 ? '2021' : '2019', year, {
    organization: { name, region: null },
    ...options,
  });
}

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };
export function clone(report: AnnualReport): Mutable<AnnualReport> {
  return JSON.parse(JSON.stringify(report)) as Mutable<AnnualReport>;
}

export const SUBMISSION_FIELDS =
  'id status revision versionCount currentVersionId submittedVersionId firstSubmittedAt returnCount reopenCount changesAfterApproval';

export async function start(w: World, who: UserKey, orgId: string, roundId = w.round2023.id) {
  return gqlOk<{ startSubmission: { id: string; revision: number; status: string } }>(
    w.app,
    `mutation($i: StartSubmissionInput!) { startSubmission(input: $i) { id revision status } }`,
    { i: { roundId, organizationId: orgId } },
    w.cookie[who],
  ).then((d) => d.startSubmission);
}

export type SubmissionView = {
  id: string;
  status: string;
  revision: number;
  versionCount: number;
  currentVersionId: string;
  submittedVersionId: string | null;
  firstSubmittedAt: string | null;
  returnCount: number;
  reopenCount: number;
  changesAfterApproval: number;
};

export function saveDraft(
  w: World,
  who: UserKey,
  submissionId: string,
  expectedRevision: number,
  report: unknown,
  autosave = false,
) {
  return w.app.graphql<{ saveDraft: SubmissionView }>(
    `mutation($i: SaveDraftInput!) { saveDraft(input: $i) { ${SUBMISSION_FIELDS} } }`,
    { i: { submissionId, expectedRevision, report, autosave } },
    w.cookie[who],
  );
}

export function act(
  w: World,
  who: UserKey,
  mutation: string,
  input: Record<string, unknown>,
  inputType = 'DecisionInput',
) {
  return w.app.graphql<Record<string, SubmissionView>>(
    `mutation($i: ${inputType}!) { ${mutation}(input: $i) { ${SUBMISSION_FIELDS} } }`,
    { i: input },
    w.cookie[who],
  );
}

/** A digest of every application table: equal digests mean the database did not change. */
export async function databaseDigest(app: TestApp): Promise<Record<string, string>> {
  const tables = [
    'organizations',
    'users',
    'rounds',
    'round_extensions',
    'submissions',
    'submission_versions',
    'finding_justifications',
    'report_files',
    'review_comments',
    'audit_events',
    'export_logs',
    'submission_returns',
    'import_batches',
    'import_batch_items',
  ];
  const out: Record<string, string> = {};
  for (const table of tables) {
    const rows: { digest: string | null; n: string }[] = await app.dataSource.query(
      `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest, count(*) AS n FROM ${table} t`,
    );
    out[table] = `${rows[0]?.n}:${rows[0]?.digest ?? ''}`;
  }
  return out;
}

/** Opens, saves and submits a clean report for an organization; returns the submission. */
export async function submitted(
  w: World,
  who: UserKey,
  orgId: string,
  name: string,
  seed = 1,
  roundId = w.round2023.id,
  year = 2023,
) {
  const s = await start(w, who, orgId, roundId);
  const saved = await saveDraft(w, who, s.id, s.revision, makeReport(seed, year, name));
  if (saved.errors) throw new Error(JSON.stringify(saved.errors));
  const res = await act(
    w,
    who,
    'submitSubmission',
    { submissionId: s.id, expectedRevision: saved.data!.saveDraft.revision },
    'SubmitInput',
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.submitSubmission!;
}
