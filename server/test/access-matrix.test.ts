import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  type GraphQLField,
  type GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  isNonNullType,
} from 'graphql';
import { PUBLIC } from '../src/common/permission.decorator';
import { allHandlers } from './support/handlers';
import { type Permission, Role as UserRole, ROLE_PERMISSIONS } from '../src/common/permissions';
import { RoundsService } from '../src/modules/rounds/rounds.service';
import { AuthService } from '../src/modules/auth/auth.service';
import { HandoutStore } from '../src/modules/auth/handout.store';
import { RoundStatus } from '../src/modules/rounds/round.entity';
import { createTestApp, type TestApp } from './test-app';
import {
  buildWorld,
  codeOf,
  databaseDigest,
  gqlOk,
  makeReport,
  PASSWORD,
  saveDraft,
  start,
  type GqlResult,
  type UserKey,
  type World,
} from './support/world';

/**
 * Every query and mutation × every role × own/other organization. "own" targets county A's
 * 科技局 (deptA1), "other" county B's (deptB1). Allowed calls must pass the access checks (they
 * may still fail on business rules, e.g. a stale revision → CONFLICT); denied calls must answer
 * FORBIDDEN, NOT_FOUND or UNAUTHENTICATED, return no data, and leave the database unchanged.
 */
type Role = 'anonymous' | 'bureau' | 'reviewerA' | 'reviewer' | 'supervisor' | 'admin';
type Target = 'own' | 'other';
const ROLES: Role[] = ['anonymous', 'bureau', 'reviewerA', 'reviewer', 'supervisor', 'admin'];
const USER: Record<Exclude<Role, 'anonymous'>, UserKey> = {
  bureau: 'bureauA1',
  reviewerA: 'reviewerA',
  reviewer: 'reviewer',
  supervisor: 'supervisor',
  admin: 'admin',
};

const ROLE_OF: Record<Exclude<Role, 'anonymous'>, UserRole> = {
  bureau: UserRole.BUREAU,
  reviewerA: UserRole.REVIEWER,
  reviewer: UserRole.REVIEWER,
  supervisor: UserRole.SUPERVISOR,
  admin: UserRole.ADMIN,
};

/** Resolver classes of the collection, review, roll-up, audit, auth and system modules. */
const COLLECTION_RESOLVERS = new Set([
  'AuthResolver',
  'OrganizationsResolver',
  'RoundsResolver',
  'SubmissionsResolver',
  'SubmissionStatsResolver',
  'ReviewResolver',
  'ReviewQueueResolver',
  'RollupResolver',
  'AuditResolver',
  'SystemResolver',
  'AccountsResolver',
  'NotificationsResolver',
  'ImportBatchesResolver',
]);

/** Every Query/Mutation handler of the app with its resolver class and declared permission. */
function operationsByResolver(): {
  name: string;
  resolver: string;
  permission: string | undefined;
}[] {
  return allHandlers(app)
    .filter((h) => h.kind === 'Query' || h.kind === 'Mutation')
    .map((h) => ({ name: h.name, resolver: h.owner, permission: h.permission }));
}

/** A syntactically valid value for an input type (ids are random, so objects are never found). */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (type instanceof GraphQLList) return [sample(type.ofType)];
  if (type instanceof GraphQLEnumType) return type.getValues()[0]!.value;
  if (type instanceof GraphQLInputObjectType)
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => f.type instanceof GraphQLNonNull)
        .map((f) => [f.name, sample(f.type)]),
    );
  if (type instanceof GraphQLScalarType) {
    switch (type.name) {
      case 'ID':
        return '00000000-0000-4000-8000-000000000000';
      case 'Int':
        return 1;
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'JSON':
        return {};
      default:
        return 'x';
    }
  }
  return null;
}

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) {
  const required = field.args.filter((a) => isNonNullType(a.type));
  const params = required.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const named = getNamedType(field.type);
  const selection = named instanceof GraphQLObjectType ? ' { __typename }' : '';
  const document = `${kind}${params ? `(${params})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
  return { document, variables: Object.fromEntries(required.map((a) => [a.name, sample(a.type)])) };
}

type Fixture = {
  w: World;
  org: Record<Target, string>;
  county: Record<Target, string>;
  sub: Record<Target, { id: string; v1: string; v2: string; file: string; warning: string }>;
  countyRound: Record<Target, string>;
  /** A reviewer's comment on each target submission (the submission stays submitted). */
  comment: Record<Target, string>;
  /** Accounts that nobody signs in with, for the account administration cases. */
  account: Record<Target, string>;
  adminId: string;
};

type Outcome = { status: 'allowed' | 'denied'; leaked: boolean; code: string };

/** Which targets each signed-in role can see (scope). */
const sees = (role: Role, target: Target) =>
  role === 'reviewer' ||
  role === 'supervisor' ||
  role === 'admin' ||
  (role !== 'anonymous' && target === 'own');

type Case = {
  name: string;
  mutation?: boolean;
  /** Expected access for the role and target. */
  allowed: (role: Role, target: Target) => boolean;
  run: (f: Fixture, cookie: string | undefined, target: Target, i: number) => Promise<Outcome>;
};

const DENY = new Set(['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED']);
function outcome(
  res: GqlResult<Record<string, unknown>>,
  hasData: (d: Record<string, unknown>) => boolean = (d) =>
    Object.values(d).some((v) => v !== null),
): Outcome {
  const code = codeOf(res);
  if (DENY.has(code)) return { status: 'denied', leaked: !!res.data && hasData(res.data), code };
  return { status: 'allowed', leaked: false, code };
}

const has = (role: Role, roles: Role[]) => roles.includes(role);
/** Batch imports: reviewers and supervisors of the region (county A's reviewer: own only). */
const importsIn = (role: Role, target: Target) =>
  has(role, ['reviewer', 'supervisor', 'admin']) || (role === 'reviewerA' && target === 'own');
/** A finished batch per county with one file waiting for a choice (rows written directly). */
const importFixture = {} as Record<Target, { batch: string; item: string }>;
const signedIn = (role: Role) => role !== 'anonymous';
let app: TestApp;
const q = (query: string, variables: Record<string, unknown>, cookie?: string) =>
  app.graphql<Record<string, unknown>>(query, variables, cookie);
/** A list-shaped read: allowed for the role, but must contain the target only when in scope. */
const listOutcome = (res: GqlResult<Record<string, unknown>>, contains: boolean): Outcome => {
  const code = codeOf(res);
  if (DENY.has(code)) return { status: 'denied', leaked: false, code };
  return { status: contains ? 'allowed' : 'denied', leaked: false, code };
};
const edgesContain = (res: GqlResult<Record<string, unknown>>, key: string, id: string) =>
  ((res.data?.[key] as { edges?: { node: { id: string } }[] } | undefined)?.edges ?? []).some(
    (e) => e.node.id === id,
  );

const CASES: Case[] = [
  {
    name: 'me',
    allowed: () => true,
    run: async (_f, c) => outcome(await q('{ me { user { id } } }', {}, c)),
  },
  {
    name: 'systemStatus',
    allowed: (r) => r === 'admin',
    run: async (_f, c) => outcome(await q('{ systemStatus { databaseUp } }', {}, c)),
  },
  {
    name: 'organization',
    allowed: signedIn,
    run: async (f, c, t) =>
      outcome(await q('query($id: ID!) { organization(id: $id) { id } }', { id: f.org[t] }, c)),
  },
  {
    name: 'organizations',
    allowed: signedIn,
    run: async (f, c, t) =>
      outcome(
        await q(
          'query($id: ID!) { organizations(withinId: $id) { totalCount } }',
          { id: f.county[t] },
          c,
        ),
      ),
  },
  {
    name: 'round',
    allowed: signedIn,
    run: async (f, c, t) =>
      outcome(await q('query($id: ID!) { round(id: $id) { id } }', { id: f.countyRound[t] }, c)),
  },
  {
    name: 'rounds',
    allowed: signedIn,
    run: async (f, c, t) =>
      outcome(
        await q(
          'query($id: ID!) { rounds(scopeOrganizationId: $id) { id } }',
          { id: f.county[t] },
          c,
        ),
      ),
  },
  {
    name: 'managedRounds',
    allowed: (r, t) => r === 'reviewer' || r === 'admin' || (r === 'reviewerA' && t === 'own'),
    run: async (f, c, t) => {
      const res = await q(
        'query($s: ID!) { managedRounds(scopeOrganizationId: $s) { edges { node { id progress { expected } } } } }',
        { s: f.county[t] },
        c,
      );
      return listOutcome(res, edgesContain(res, 'managedRounds', f.countyRound[t]));
    },
  },
  {
    name: 'submission',
    allowed: sees,
    run: async (f, c, t) =>
      outcome(
        await q(
          'query($id: ID!) { submission(id: $id) { id currentVersion { report findings { rule } } files { id } } }',
          { id: f.sub[t].id },
          c,
        ),
      ),
  },
  {
    name: 'submissions',
    allowed: sees,
    run: async (f, c, t) => {
      const res = await q(
        'query($o: ID!) { submissions(organizationId: $o) { edges { node { id } } } }',
        { o: f.org[t] },
        c,
      );
      return listOutcome(res, edgesContain(res, 'submissions', f.sub[t].id));
    },
  },
  {
    name: 'submissionVersion',
    allowed: sees,
    run: async (f, c, t) =>
      outcome(
        await q(
          'query($id: ID!) { submissionVersion(id: $id) { report findings { rule } } }',
          { id: f.sub[t].v1 },
          c,
        ),
      ),
  },
  {
    name: 'versionDiff',
    allowed: sees,
    run: async (f, c, t) =>
      outcome(
        await q(
          'query($a: ID!, $b: ID!) { versionDiff(fromVersionId: $a, toVersionId: $b) { changes { path before after } } }',
          { a: f.sub[t].v1, b: f.sub[t].v2 },
          c,
        ),
      ),
  },
  {
    name: 'reviewQueueEntries',
    allowed: (r, t) => has(r, ['reviewerA', 'reviewer', 'supervisor', 'admin']) && sees(r, t),
    run: async (f, c, t) => {
      const res = await q(
        'query($r: ID!) { reviewQueueEntries(roundId: $r, first: 100) { edges { node { submission { id } } } } }',
        { r: f.w.round2023.id },
        c,
      );
      const edges =
        (
          res.data?.reviewQueueEntries as {
            edges?: { node: { submission: { id: string } | null } }[];
          }
        )?.edges ?? [];
      return listOutcome(
        res,
        edges.some((e) => e.node.submission?.id === f.sub[t].id),
      );
    },
  },
  {
    name: 'roundStats',
    allowed: (r, t) => has(r, ['reviewerA', 'reviewer', 'supervisor', 'admin']) && sees(r, t),
    run: async (f, c, t) =>
      outcome(
        await q(
          'query($r: ID!, $n: ID!) { roundStats(roundId: $r, nodeId: $n) { expected submitted } }',
          { r: f.w.round2023.id, n: f.county[t] },
          c,
        ),
      ),
  },
  {
    name: 'rollup',
    allowed: (r, t) => has(r, ['reviewerA', 'reviewer', 'supervisor', 'admin']) && sees(r, t),
    run: async (f, c, t) =>
      outcome(
        await q(
          'query($r: ID!, $n: ID!) { rollup(roundId: $r, nodeId: $n) { includedCount report members { organizationName status } own { status report } } }',
          { r: f.w.round2023.id, n: f.county[t] },
          c,
        ),
      ),
  },
  {
    name: 'auditEvents',
    allowed: sees,
    run: async (f, c, t) => {
      const res = await q(
        'query($s: ID!) { auditEvents(submissionId: $s) { edges { node { id action } } } }',
        { s: f.sub[t].id },
        c,
      );
      const code = codeOf(res);
      if (DENY.has(code)) return { status: 'denied', leaked: false, code };
      const n = (res.data?.auditEvents as { edges: unknown[] }).edges.length;
      return { status: n > 0 ? 'allowed' : 'denied', leaked: false, code };
    },
  },
  // ---- mutations
  {
    name: 'signIn',
    mutation: true,
    allowed: () => true,
    run: async (f, c) =>
      outcome(
        await q(
          'mutation($i: SignInInput!) { signIn(input: $i) { user { id } } }',
          { i: { username: f.w.username.bureauA2, password: PASSWORD } },
          c,
        ),
      ),
  },
  {
    name: 'signOut',
    mutation: true,
    allowed: () => true,
    run: async () => outcome(await q('mutation { signOut }', {})),
  },
  {
    name: 'createUser',
    mutation: true,
    allowed: (r) => r === 'admin',
    run: async (f, c, t, i) =>
      outcome(
        await q(
          'mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }',
          {
            i: {
              username: `matrix-${i}-${t}-${Date.now()}`,
              displayName: 'x',
              password: 'long-enough-password',
              role: 'BUREAU',
              organizationId: f.org[t],
            },
          },
          c,
        ),
      ),
  },
  {
    name: 'users',
    allowed: (r) => r === 'admin',
    run: async (f, c, t) => {
      const res = await q(
        'query($s: ID!) { users(scopeOrganizationId: $s, first: 100) { totalCount edges { node { id } } } }',
        { s: f.county[t] },
        c,
      );
      return listOutcome(res, edgesContain(res, 'users', f.account[t]));
    },
  },
  {
    name: 'bureauAccountsPreview',
    allowed: (r) => r === 'admin',
    run: async (f, c, t) =>
      outcome(
        await q(
          'query($s: ID!) { bureauAccountsPreview(scopeOrganizationId: $s) { count } }',
          { s: f.county[t] },
          c,
        ),
      ),
  },
  {
    name: 'createBureauAccounts',
    mutation: true,
    allowed: (r) => r === 'admin',
    run: async (f, c, t) =>
      outcome(
        await q(
          'mutation($i: CreateBureauAccountsInput!) { createBureauAccounts(input: $i) { handoutId } }',
          { i: { scopeOrganizationId: f.county[t] } },
          c,
        ),
      ),
  },
  {
    name: 'resetPassword',
    mutation: true,
    allowed: (r) => r === 'admin',
    run: async (f, c, t) =>
      outcome(
        await q(
          'mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { oneTimePassword } }',
          { i: { userId: f.account[t] } },
          c,
        ),
      ),
  },
  {
    name: 'setUserActive',
    mutation: true,
    allowed: (r) => r === 'admin',
    run: async (f, c, t) =>
      outcome(
        await q(
          'mutation($i: SetUserActiveInput!) { setUserActive(input: $i) { id active } }',
          { i: { userId: f.account[t], active: false } },
          c,
        ),
      ),
  },
  {
    name: 'updateUser',
    mutation: true,
    allowed: (r) => r === 'admin',
    run: async (f, c, t, i) =>
      outcome(
        await q(
          'mutation($i: UpdateUserInput!) { updateUser(input: $i) { id displayName } }',
          { i: { userId: f.account[t], displayName: `改名 ${i}` } },
          c,
        ),
      ),
  },
  {
    name: 'changeOwnPassword',
    mutation: true,
    allowed: signedIn,
    // A wrong current password: the call passes the access check and changes nothing.
    run: async (_f, c) =>
      outcome(
        await q(
          'mutation($i: ChangeOwnPasswordInput!) { changeOwnPassword(input: $i) { mustChangePassword } }',
          { i: { currentPassword: 'not-the-password', newPassword: 'another-password-1' } },
          c,
        ),
      ),
  },
  {
    name: 'organizationClosePreview',
    allowed: (r) => r === 'admin',
    run: async (f, c, t) =>
      outcome(
        await q(
          'query($id: ID!) { organizationClosePreview(id: $id, lastYear: 2030) { closing } }',
          { id: f.org[t] },
          c,
        ),
      ),
  },
  {
    name: 'createOrganization',
    mutation: true,
    allowed: (r) => r === 'admin',
    run: async (f, c, t, i) =>
      outcome(
        await q(
          'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }',
          {
            i: {
              code: `matrix-${i}-${t}-${Date.now()}`,
              name: '新设局',
              level: 'DEPARTMENT',
              parentId: f.county[t],
            },
          },
          c,
        ),
      ),
  },
  {
    name: 'updateOrganization',
    mutation: true,
    allowed: (r) => r === 'admin',
    run: async (f, c, t) =>
      outcome(
        await q(
          'mutation($i: UpdateOrganizationInput!) { updateOrganization(input: $i) { id } }',
          { i: { id: f.org[t], expectedRevision: -1, name: '改名' } },
          c,
        ),
      ),
  },
  {
    name: 'closeOrganization',
    mutation: true,
    allowed: (r) => r === 'admin',
    run: async (f, c, t) =>
      outcome(
        await q(
          'mutation($i: CloseOrganizationInput!) { closeOrganization(input: $i) { id } }',
          { i: { id: f.org[t], expectedRevision: -1, lastYear: 2030 } },
          c,
        ),
      ),
  },
  {
    name: 'createRound',
    mutation: true,
    allowed: (r, t) => r === 'reviewer' || r === 'admin' || (r === 'reviewerA' && t === 'own'),
    run: async (f, c, t, i) =>
      outcome(
        await q(
          'mutation($i: CreateRoundInput!) { createRound(input: $i) { id } }',
          { i: { year: 2030 + (i % 60), scopeOrganizationId: f.county[t] } },
          c,
        ),
      ),
  },
  {
    name: 'updateRound',
    mutation: true,
    allowed: (r, t) => r === 'reviewer' || r === 'admin' || (r === 'reviewerA' && t === 'own'),
    run: async (f, c, t) =>
      outcome(
        await q(
          'mutation($i: UpdateRoundInput!) { updateRound(input: $i) { id } }',
          { i: { id: f.countyRound[t], expectedRevision: -1 } },
          c,
        ),
      ),
  },
  {
    name: 'grantExtension',
    mutation: true,
    allowed: (r, t) => r === 'reviewer' || r === 'admin' || (r === 'reviewerA' && t === 'own'),
    run: async (f, c, t) =>
      outcome(
        await q(
          'mutation($i: GrantExtensionInput!) { grantExtension(input: $i) { id } }',
          {
            i: {
              roundId: f.w.round2023.id,
              organizationId: f.org[t],
              deadline: '2024-02-20',
              reason: '机构调整',
            },
          },
          c,
        ),
      ),
  },
  {
    name: 'startSubmission',
    mutation: true,
    allowed: (r, t) => r === 'admin' || (r === 'bureau' && t === 'own'),
    run: async (f, c, t) =>
      outcome(
        await q(
          'mutation($i: StartSubmissionInput!) { startSubmission(input: $i) { id } }',
          { i: { roundId: f.w.round2023.id, organizationId: f.org[t] } },
          c,
        ),
      ),
  },
  {
    name: 'saveDraft',
    mutation: true,
    allowed: (r, t) => r === 'admin' || (r === 'bureau' && t === 'own'),
    run: async (f, c, t) =>
      outcome(
        await q(
          'mutation($i: SaveDraftInput!) { saveDraft(input: $i) { id } }',
          {
            i: {
              submissionId: f.sub[t].id,
              expectedRevision: -1,
              report: makeReport(1, 2023, 'x'),
            },
          },
          c,
        ),
      ),
  },
  {
    name: 'submitSubmission',
    mutation: true,
    allowed: (r, t) => r === 'admin' || (r === 'bureau' && t === 'own'),
    run: async (f, c, t) =>
      outcome(
        await q(
          'mutation($i: SubmitInput!) { submitSubmission(input: $i) { id } }',
          { i: { submissionId: f.sub[t].id, expectedRevision: -1 } },
          c,
        ),
      ),
  },
  {
    name: 'justifyFinding',
    mutation: true,
    allowed: (r, t) => r === 'admin' || (r === 'bureau' && t === 'own'),
    run: async (f, c, t) =>
      outcome(
        await q(
          'mutation($i: JustifyFindingInput!) { justifyFinding(input: $i) { id } }',
          {
            i: {
              submissionId: f.sub[t].id,
              expectedRevision: -1,
              findingKey: f.sub[t].warning,
              text: '说明',
            },
          },
          c,
        ),
      ),
  },
  ...(['returnSubmission', 'approveSubmission', 'reopenSubmission', 'bulkApprove'] as const).map(
    (name): Case => ({
      name,
      mutation: true,
      allowed: (r, t) => r === 'reviewer' || r === 'admin' || (r === 'reviewerA' && t === 'own'),
      run: async (f, c, t) => {
        const decision = { submissionId: f.sub[t].id, expectedRevision: -1 };
        const [type, input] =
          name === 'returnSubmission'
            ? ['ReturnSubmissionInput', { ...decision, reason: '退回' }]
            : name === 'reopenSubmission'
              ? ['ReopenSubmissionInput', { ...decision, reason: '重新打开' }]
              : name === 'bulkApprove'
                ? ['BulkApproveInput', { items: [decision] }]
                : ['DecisionInput', decision];
        return outcome(
          await q(`mutation($i: ${type}!) { ${name}(input: $i) { id } }`, { i: input }, c),
        );
      },
    }),
  ),
  {
    name: 'resolveReviewComment',
    mutation: true,
    allowed: (r, t) => r === 'admin' || (r === 'bureau' && t === 'own'),
    run: async (f, c, t) =>
      outcome(
        await q(
          'mutation($i: ResolveReviewCommentInput!) { resolveReviewComment(input: $i) { id } }',
          { i: { commentId: f.comment[t], resolved: true } },
          c,
        ),
      ),
  },
  {
    name: 'publishSubmission',
    mutation: true,
    allowed: (r, t) =>
      r === 'reviewer' || r === 'admin' || ((r === 'reviewerA' || r === 'bureau') && t === 'own'),
    run: async (f, c, t) =>
      outcome(
        await q(
          'mutation($i: DecisionInput!) { publishSubmission(input: $i) { id } }',
          { i: { submissionId: f.sub[t].id, expectedRevision: -1 } },
          c,
        ),
      ),
  },
  // ---- notifications: one's own inbox and settings, 催报 within scope, the admin's delivery log
  {
    name: 'notifications',
    allowed: signedIn,
    run: async (_f, c) =>
      outcome(await q('{ notifications(first: 5) { totalCount edges { node { id } } } }', {}, c)),
  },
  {
    name: 'unreadNotificationCount',
    allowed: signedIn,
    run: async (_f, c) => outcome(await q('{ unreadNotificationCount }', {}, c)),
  },
  {
    name: 'markNotificationsRead',
    mutation: true,
    allowed: signedIn,
    run: async (_f, c) => outcome(await q('mutation { markNotificationsRead(input: {}) }', {}, c)),
  },
  {
    name: 'notificationSettings',
    allowed: signedIn,
    run: async (_f, c) => outcome(await q('{ notificationSettings { email } }', {}, c)),
  },
  {
    name: 'updateNotificationSettings',
    mutation: true,
    allowed: signedIn,
    run: async (_f, c) =>
      outcome(
        await q(
          'mutation($i: NotificationSettingsInput!) { updateNotificationSettings(input: $i) { email } }',
          { i: { emailOptOut: ['APPROVED'] } },
          c,
        ),
      ),
  },
  {
    name: 'remindCandidates',
    allowed: (r, t) => r === 'reviewer' || r === 'admin' || (r === 'reviewerA' && t === 'own'),
    run: async (f, c, t) => {
      const res = await q(
        'query($r: ID!, $n: ID!) { remindCandidates(roundId: $r, nodeId: $n, first: 100) { edges { node { organizationId } } } }',
        { r: f.countyRound[t], n: f.county[t] },
        c,
      );
      const code = codeOf(res);
      if (DENY.has(code)) return { status: 'denied', leaked: !!res.data?.remindCandidates, code };
      const found = (
        res.data?.remindCandidates as { edges: { node: { organizationId: string } }[] }
      ).edges.some((e) => e.node.organizationId === f.org[t]);
      return { status: found ? 'allowed' : 'denied', leaked: false, code };
    },
  },
  {
    name: 'remindBodies',
    mutation: true,
    allowed: (r, t) => r === 'reviewer' || r === 'admin' || (r === 'reviewerA' && t === 'own'),
    run: async (f, c, t) =>
      outcome(
        await q(
          'mutation($i: RemindBodiesInput!) { remindBodies(input: $i) { reminded skippedQuiet } }',
          { i: { roundId: f.countyRound[t], organizationIds: [f.org[t]] } },
          c,
        ),
      ),
  },
  {
    name: 'mailDeliveries',
    allowed: (r) => r === 'admin',
    run: async (_f, c) => outcome(await q('{ mailDeliveries(first: 5) { totalCount } }', {}, c)),
  },
  {
    name: 'jobsStatus',
    allowed: (r) => r === 'admin',
    run: async (_f, c) => outcome(await q('{ jobsStatus { running } }', {}, c)),
  },
  {
    name: 'importBatches',
    allowed: importsIn,
    run: async (_f, c, t) => {
      const res = await q('{ importBatches(first: 100) { edges { node { id } } } }', {}, c);
      return listOutcome(res, edgesContain(res, 'importBatches', importFixture[t].batch));
    },
  },
  {
    name: 'importBatch',
    allowed: importsIn,
    run: async (_f, c, t) =>
      outcome(
        await q(
          'query($id: ID!) { importBatch(id: $id) { id scopeName counts { done } items { edges { node { fileName organizationName } } } } }',
          { id: importFixture[t].batch },
          c,
        ),
      ),
  },
  {
    name: 'resolveImportItem',
    mutation: true,
    allowed: importsIn,
    run: async (f, c, t) =>
      outcome(
        await q(
          'mutation($i: ResolveImportItemInput!) { resolveImportItem(input: $i) { status } }',
          { i: { itemId: importFixture[t].item, organizationId: f.org[t] } },
          c,
        ),
      ),
  },
  {
    name: 'cancelImportBatch',
    mutation: true,
    allowed: importsIn,
    run: async (_f, c, t) =>
      outcome(
        await q(
          'mutation($id: ID!) { cancelImportBatch(id: $id) { status } }',
          { id: importFixture[t].batch },
          c,
        ),
      ),
  },
];

/** REST routes, same rules. */
const REST: Case[] = [
  {
    name: 'POST /api/import-batches',
    mutation: true,
    allowed: importsIn,
    run: async (f, c, t) => {
      // an allowed caller gets past the access checks to the refusal of the file type
      const req = app
        .http()
        .post('/api/import-batches')
        .field('scopeOrganizationId', f.county[t])
        .field('year', '2023')
        .attach('files', Buffer.from('MZ'), 'tool.exe');
      if (c) req.set('cookie', c);
      const res = await req;
      return [401, 403, 404].includes(res.status)
        ? { status: 'denied', leaked: false, code: String(res.status) }
        : { status: 'allowed', leaked: false, code: String(res.status) };
    },
  },
  {
    name: 'GET /api/files/:id',
    allowed: sees,
    run: async (f, c, t) => {
      const req = app.http().get(`/api/files/${f.sub[t].file}`);
      if (c) req.set('cookie', c);
      const res = await req;
      return res.status === 200
        ? { status: 'allowed', leaked: false, code: 'OK' }
        : {
            status: 'denied',
            leaked: res.text.includes('annual-report'),
            code: String(res.status),
          };
    },
  },
  {
    name: 'POST /api/submissions/:id/upload',
    mutation: true,
    allowed: (r, t) => r === 'admin' || (r === 'bureau' && t === 'own'),
    run: async (f, c, t) => {
      const req = app
        .http()
        .post(`/api/submissions/${f.sub[t].id}/upload`)
        .field('expectedRevision', '-1')
        .attach('file', Buffer.from(JSON.stringify(makeReport(2, 2023, 'x'))), 'report.json');
      if (c) req.set('cookie', c);
      const res = await req;
      return [401, 403, 404].includes(res.status)
        ? { status: 'denied', leaked: false, code: String(res.status) }
        : { status: 'allowed', leaked: false, code: String(res.status) };
    },
  },
  {
    name: 'POST /api/organizations/directory',
    mutation: true,
    allowed: (r) => r === 'admin',
    run: async (_f, c) => {
      const req = app
        .http()
        .post('/api/organizations/directory?dryRun=true')
        .attach('file', Buffer.from('code,name,level\nX1,某局,DEPARTMENT\n'), 'roster.csv');
      if (c) req.set('cookie', c);
      const res = await req;
      return [401, 403, 404].includes(res.status)
        ? { status: 'denied', leaked: false, code: String(res.status) }
        : { status: 'allowed', leaked: false, code: String(res.status) };
    },
  },
  {
    name: 'GET /api/organizations/directory/template.xlsx',
    allowed: (r) => r === 'admin',
    run: async (_f, c) => {
      const req = app.http().get('/api/organizations/directory/template.xlsx');
      if (c) req.set('cookie', c);
      const res = await req;
      return res.status === 200
        ? { status: 'allowed', leaked: false, code: 'OK' }
        : { status: 'denied', leaked: false, code: String(res.status) };
    },
  },
  {
    name: 'GET /api/organizations/export.xlsx',
    allowed: signedIn,
    run: async (f, c, t) => {
      const req = app.http().get(`/api/organizations/export.xlsx?rootId=${f.county[t]}`);
      if (c) req.set('cookie', c);
      const res = await req;
      return res.status === 200
        ? { status: 'allowed', leaked: false, code: 'OK' }
        : {
            status: 'denied',
            leaked: /spreadsheetml/.test(String(res.headers['content-type'])),
            code: String(res.status),
          };
    },
  },
  ...(['xlsx', 'csv'] as const).map((ext): Case => ({
    name: `POST /api/exports/ranking.${ext}`,
    mutation: true,
    allowed: (r) => r === 'supervisor' || r === 'admin',
    run: async (f, c, t) => {
      const req = app
        .http()
        .post(`/api/exports/ranking.${ext}`)
        .send({ roundId: f.countyRound[t], regionId: f.county[t] });
      if (c) req.set('cookie', c);
      const res = await req;
      return res.status === 200
        ? { status: 'allowed', leaked: false, code: 'OK' }
        : {
            status: 'denied',
            leaked: /spreadsheetml|text\/csv/.test(String(res.headers['content-type'])),
            code: String(res.status),
          };
    },
  })),
  {
    name: 'POST /api/exports/report/:submissionId.xlsx',
    mutation: true,
    allowed: sees,
    run: async (f, c, t) => {
      const req = app.http().post(`/api/exports/report/${f.sub[t].id}.xlsx`);
      if (c) req.set('cookie', c);
      const res = await req;
      return res.status === 200
        ? { status: 'allowed', leaked: false, code: 'OK' }
        : {
            status: 'denied',
            leaked: /spreadsheetml/.test(String(res.headers['content-type'])),
            code: String(res.status),
          };
    },
  },
  {
    name: 'POST /api/exports/rollup.xlsx',
    mutation: true,
    allowed: (r, t) => has(r, ['reviewerA', 'reviewer', 'supervisor', 'admin']) && sees(r, t),
    run: async (f, c, t) => {
      const req = app
        .http()
        .post('/api/exports/rollup.xlsx')
        .send({ roundId: f.w.round2023.id, nodeId: f.county[t] });
      if (c) req.set('cookie', c);
      const res = await req;
      return res.status === 200
        ? { status: 'allowed', leaked: false, code: 'OK' }
        : {
            status: 'denied',
            leaked: /spreadsheetml/.test(String(res.headers['content-type'])),
            code: String(res.status),
          };
    },
  },
  {
    name: 'GET /api/templates/:template.xlsx?submissionId',
    allowed: sees,
    run: async (f, c, t) => {
      const req = app.http().get(`/api/templates/2021.xlsx?submissionId=${f.sub[t].id}`);
      if (c) req.set('cookie', c);
      const res = await req;
      return res.status === 200
        ? { status: 'allowed', leaked: false, code: 'OK' }
        : {
            status: 'denied',
            leaked: /spreadsheetml/.test(String(res.headers['content-type'])),
            code: String(res.status),
          };
    },
  },
  {
    name: 'POST /api/accounts/handout/:id',
    mutation: true,
    allowed: (r) => r === 'admin',
    run: async (f, c) => {
      const sheet = await app.dataSource.transaction((manager) =>
        app.app.get(HandoutStore).put(manager, f.adminId, 'sheet.xlsx', Buffer.from('PK-sheet')),
      );
      const req = app.http().post(`/api/accounts/handout/${sheet.id}`);
      if (c) req.set('cookie', c);
      const res = await req;
      return res.status === 200
        ? { status: 'allowed', leaked: false, code: 'OK' }
        : { status: 'denied', leaked: res.text.includes('PK-sheet'), code: String(res.status) };
    },
  },
];

describe('access matrix', () => {
  let f: Fixture;

  beforeAll(async () => {
    app = await createTestApp();
    const w = await buildWorld(app);
    const rounds = app.app.get(RoundsService);
    const countyRound = {
      own: (
        await rounds.create(null, {
          year: 2023,
          scopeOrganizationId: w.org.countyA.id,
          status: RoundStatus.OPEN,
        })
      ).id,
      other: (
        await rounds.create(null, {
          year: 2023,
          scopeOrganizationId: w.org.countyB.id,
          status: RoundStatus.OPEN,
        })
      ).id,
    };
    const make = async (who: UserKey, orgId: string, name: string) => {
      const s = await start(w, who, orgId);
      const report = {
        ...makeReport(3, 2023, name),
        staffing: { leadingGroup: true, dedicatedStaff: 0, partTimeStaff: 1, trainings: 1 },
      };
      const up = await app
        .http()
        .post(`/api/submissions/${s.id}/upload`)
        .set('cookie', w.cookie[who])
        .field('expectedRevision', String(s.revision))
        .attach('file', Buffer.from(JSON.stringify(report)), 'report.json');
      if (up.status !== 201) throw new Error(JSON.stringify(up.body));
      const saved = await saveDraft(w, who, s.id, up.body.revision, {
        ...report,
        title: `${name}年报`,
      });
      await gqlOk(
        app,
        'mutation($i: SubmitInput!) { submitSubmission(input: $i) { id } }',
        { i: { submissionId: s.id, expectedRevision: saved.data!.saveDraft.revision } },
        w.cookie[who],
      );
      const d = await gqlOk<{
        submission: { versions: { id: string; findings: { key: string; severity: string }[] }[] };
      }>(
        app,
        'query($id: ID!) { submission(id: $id) { versions { id findings { key severity } } } }',
        { id: s.id },
        w.cookie[who],
      );
      return {
        id: s.id,
        v1: d.submission.versions[0]!.id,
        v2: d.submission.versions[1]!.id,
        file: up.body.fileId as string,
        warning: d.submission.versions[1]!.findings.find((x) => x.severity === 'warning')!.key,
      };
    };
    const accountAt = (organizationId: string, target: Target) =>
      app.app.get(AuthService).createUser({
        username: `matrix-account-${target}-${Date.now()}`,
        displayName: target,
        password: PASSWORD,
        role: UserRole.BUREAU,
        organizationId,
      });
    f = {
      w,
      org: { own: w.org.deptA1.id, other: w.org.deptB1.id },
      county: { own: w.org.countyA.id, other: w.org.countyB.id },
      sub: {
        own: await make('bureauA1', w.org.deptA1.id, '甲县科学技术局'),
        other: await make('bureauB1', w.org.deptB1.id, '乙县科学技术局'),
      },
      countyRound,
      comment: { own: '', other: '' },
      account: {
        own: (await accountAt(w.org.deptA1.id, 'own')).user.id,
        other: (await accountAt(w.org.deptB1.id, 'other')).user.id,
      },
      adminId: (
        await gqlOk<{ me: { user: { id: string } } }>(
          app,
          '{ me { user { id } } }',
          {},
          w.cookie.admin,
        )
      ).me.user.id,
    };
  });
  beforeAll(async () => {
    for (const t of ['own', 'other'] as Target[]) {
      const batch: { id: string }[] = await app.dataSource.query(
        `INSERT INTO import_batches (scope_organization_id, year, status, created_by_id, total, finished_at)
         VALUES ($1, 2023, 'DONE', $2, 1, now()) RETURNING id`,
        [f.county[t], f.adminId],
      );
      const item: { id: string }[] = await app.dataSource.query(
        `INSERT INTO import_batch_items (batch_id, position, file_name, status, reason_key, candidates)
         VALUES ($1, 0, '科技局.txt', 'NEEDS_CHOICE', 'import.ambiguousBody', '[]') RETURNING id`,
        [batch[0]!.id],
      );
      importFixture[t] = { batch: batch[0]!.id, item: item[0]!.id };
    }
  });
  beforeAll(async () => {
    for (const t of ['own', 'other'] as Target[]) {
      const rows: { id: string }[] = await app.dataSource.query(
        `INSERT INTO review_comments (submission_id, version_id, cell, body)
         VALUES ($1, $2, 'sections.problems', '请补充') RETURNING id`,
        [f.sub[t].id, f.sub[t].v2],
      );
      f.comment[t] = rows[0]!.id;
    }
  });
  afterAll(() => app.close());

  it('covers every query and mutation of the collection and review modules in detail', () => {
    const owned = operationsByResolver()
      .filter((o) => COLLECTION_RESOLVERS.has(o.resolver))
      .map((o) => o.name)
      .sort();
    expect(CASES.map((c) => c.name).sort()).toEqual(owned);
  });

  it('denies, for every operation of the schema, anonymous callers and roles without the declared permission', async () => {
    const schema = app.app.get(GraphQLSchemaHost).schema;
    const declared = new Map(operationsByResolver().map((o) => [o.name, o.permission]));
    const failures: string[] = [];
    let checked = 0;
    for (const [kind, type] of [
      ['query', schema.getQueryType()!],
      ['mutation', schema.getMutationType()!],
    ] as const) {
      for (const field of Object.values(type.getFields())) {
        const permission = declared.get(field.name);
        if (permission === undefined) {
          failures.push(`${field.name}: no declared permission`);
          continue;
        }
        if (field.name === 'signOut') continue; // public, and it would end the sessions the sweep uses
        const { document, variables } = operationFor(kind, field);
        for (const role of ROLES) {
          checked++;
          const cookie = role === 'anonymous' ? undefined : f.w.cookie[USER[role]];
          const res = await app.graphql(document, variables, cookie);
          const code = codeOf(res);
          const expected =
            permission === PUBLIC
              ? null
              : role === 'anonymous'
                ? 'UNAUTHENTICATED'
                : ROLE_PERMISSIONS[ROLE_OF[role]].has(permission as Permission)
                  ? null
                  : 'FORBIDDEN';
          if (expected && code !== expected)
            failures.push(`${field.name} × ${role}: expected ${expected}, got ${code}`);
          if (
            !expected &&
            (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') &&
            permission !== PUBLIC
          )
            if (!(
              code === 'FORBIDDEN' &&
              res.errors?.[0]?.message &&
              !/role may not/.test(res.errors[0].message)
            ))
              failures.push(
                `${field.name} × ${role}: the role holds ${permission} but got ${code}`,
              );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(150);
    // one request per operation and role: allow for a machine busy with other test workers
  }, 120_000);

  it('allows and denies exactly as expected, with zero leaks and no writes on denial', async () => {
    const failures: string[] = [];
    let i = 0;
    for (const c of [...CASES, ...REST]) {
      for (const role of ROLES) {
        for (const target of ['own', 'other'] as Target[]) {
          i++;
          const cookie = role === 'anonymous' ? undefined : f.w.cookie[USER[role]];
          const expected = c.allowed(role, target) ? 'allowed' : 'denied';
          const before = c.mutation && expected === 'denied' ? await databaseDigest(app) : null;
          const got = await c.run(f, cookie, target, i);
          if (got.status !== expected)
            failures.push(
              `${c.name} × ${role} × ${target}: expected ${expected}, got ${got.status} (${got.code})`,
            );
          if (got.leaked)
            failures.push(`${c.name} × ${role} × ${target}: data returned with a denial`);
          if (before) {
            const after = await databaseDigest(app);
            const changed = Object.keys(before).filter(
              (k) => k !== 'sessions' && before[k] !== after[k],
            );
            if (changed.length)
              failures.push(
                `${c.name} × ${role} × ${target}: denied but wrote ${changed.join(', ')}`,
              );
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(i).toBeGreaterThan(300);
    // a sweep of several hundred requests: allow for a machine busy with other test workers
  }, 120_000);

  it('does not reveal other bureaus’ objects to id guessing', async () => {
    const bureau = f.w.cookie.bureauA1;
    const other = f.sub.other;
    for (const [query, vars] of [
      ['query($id: ID!) { submission(id: $id) { id } }', { id: other.id }],
      ['query($id: ID!) { submissionVersion(id: $id) { id } }', { id: other.v1 }],
      ['query($id: ID!) { submissionVersion(id: $id) { id } }', { id: other.file }],
      [
        'query($id: ID!) { submission(id: $id) { id } }',
        { id: '00000000-0000-4000-8000-000000000000' },
      ],
      ['query($id: ID!) { submission(id: $id) { id } }', { id: 'not-a-uuid' }],
    ] as const) {
      const res = await app.graphql(query, vars, bureau);
      expect(codeOf(res)).toBe('NOT_FOUND');
      expect(res.data ?? null).toBeNull();
    }
    const events = await gqlOk<{
      auditEvents: { edges: { node: { submissionId: string | null; organizationId: string } }[] };
    }>(
      app,
      '{ auditEvents(first: 100) { edges { node { submissionId organizationId } } } }',
      {},
      bureau,
    );
    expect(events.auditEvents.edges.every((e) => e.node.organizationId === f.org.own)).toBe(true);
    const file = await app.http().get(`/api/files/${other.file}`).set('cookie', bureau);
    expect(file.status).toBe(404);
  });
});
