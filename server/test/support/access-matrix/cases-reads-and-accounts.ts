import { codeOf, PASSWORD } from '../world';
import { type Case, DENY, edgesContain, has, listOutcome, outcome, sees, signedIn } from './model';

/** The reads of every module, then signing in and the account administration. */
export const READ_AND_ACCOUNT_CASES: Case[] = [
  {
    name: 'me',
    allowed: () => true,
    run: async (f, c) => outcome(await f.q('{ me { user { id } } }', {}, c)),
  },
  {
    name: 'systemStatus',
    allowed: (r) => r === 'admin',
    run: async (f, c) => outcome(await f.q('{ systemStatus { databaseUp } }', {}, c)),
  },
  {
    name: 'organization',
    allowed: signedIn,
    run: async (f, c, t) =>
      outcome(await f.q('query($id: ID!) { organization(id: $id) { id } }', { id: f.org[t] }, c)),
  },
  {
    name: 'organizations',
    allowed: signedIn,
    run: async (f, c, t) =>
      outcome(
        await f.q(
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
      outcome(await f.q('query($id: ID!) { round(id: $id) { id } }', { id: f.countyRound[t] }, c)),
  },
  {
    name: 'rounds',
    allowed: signedIn,
    run: async (f, c, t) =>
      outcome(
        await f.q(
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
      const res = await f.q(
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
        await f.q(
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
      const res = await f.q(
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
        await f.q(
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
        await f.q(
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
      const res = await f.q(
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
        await f.q(
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
        await f.q(
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
      const res = await f.q(
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
        await f.q(
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
    run: async (f) => outcome(await f.q('mutation { signOut }', {})),
  },
  {
    name: 'createUser',
    mutation: true,
    allowed: (r) => r === 'admin',
    run: async (f, c, t, i) =>
      outcome(
        await f.q(
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
      const res = await f.q(
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
        await f.q(
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
        await f.q(
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
        await f.q(
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
        await f.q(
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
        await f.q(
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
    run: async (f, c) =>
      outcome(
        await f.q(
          'mutation($i: ChangeOwnPasswordInput!) { changeOwnPassword(input: $i) { mustChangePassword } }',
          { i: { currentPassword: 'not-the-password', newPassword: 'another-password-1' } },
          c,
        ),
      ),
  },
];
