import { codeOf, makeReport } from '../world';
import { type Case, DENY, edgesContain, importsIn, listOutcome, outcome, signedIn } from './model';

/** Organizations, rounds, submissions, review, notifications and batch imports. */
export const WRITE_CASES: Case[] = [
  {
    name: 'organizationClosePreview',
    allowed: (r) => r === 'admin',
    run: async (f, c, t) =>
      outcome(
        await f.q(
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
        await f.q(
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
        await f.q(
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
        await f.q(
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
        await f.q(
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
        await f.q(
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
        await f.q(
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
        await f.q(
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
        await f.q(
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
        await f.q(
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
        await f.q(
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
          await f.q(`mutation($i: ${type}!) { ${name}(input: $i) { id } }`, { i: input }, c),
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
        await f.q(
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
        await f.q(
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
    run: async (f, c) =>
      outcome(await f.q('{ notifications(first: 5) { totalCount edges { node { id } } } }', {}, c)),
  },
  {
    name: 'unreadNotificationCount',
    allowed: signedIn,
    run: async (f, c) => outcome(await f.q('{ unreadNotificationCount }', {}, c)),
  },
  {
    name: 'markNotificationsRead',
    mutation: true,
    allowed: signedIn,
    run: async (f, c) => outcome(await f.q('mutation { markNotificationsRead(input: {}) }', {}, c)),
  },
  {
    name: 'notificationSettings',
    allowed: signedIn,
    run: async (f, c) => outcome(await f.q('{ notificationSettings { email } }', {}, c)),
  },
  {
    name: 'updateNotificationSettings',
    mutation: true,
    allowed: signedIn,
    run: async (f, c) =>
      outcome(
        await f.q(
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
      const res = await f.q(
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
        await f.q(
          'mutation($i: RemindBodiesInput!) { remindBodies(input: $i) { reminded skippedQuiet } }',
          { i: { roundId: f.countyRound[t], organizationIds: [f.org[t]] } },
          c,
        ),
      ),
  },
  {
    name: 'mailDeliveries',
    allowed: (r) => r === 'admin',
    run: async (f, c) => outcome(await f.q('{ mailDeliveries(first: 5) { totalCount } }', {}, c)),
  },
  {
    name: 'jobsStatus',
    allowed: (r) => r === 'admin',
    run: async (f, c) => outcome(await f.q('{ jobsStatus { running } }', {}, c)),
  },
  {
    name: 'importBatches',
    allowed: importsIn,
    run: async (f, c, t) => {
      const res = await f.q('{ importBatches(first: 100) { edges { node { id } } } }', {}, c);
      return listOutcome(res, edgesContain(res, 'importBatches', f.imports[t].batch));
    },
  },
  {
    name: 'importBatch',
    allowed: importsIn,
    run: async (f, c, t) =>
      outcome(
        await f.q(
          'query($id: ID!) { importBatch(id: $id) { id scopeName counts { done } items { edges { node { fileName organizationName } } } } }',
          { id: f.imports[t].batch },
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
        await f.q(
          'mutation($i: ResolveImportItemInput!) { resolveImportItem(input: $i) { status } }',
          { i: { itemId: f.imports[t].item, organizationId: f.org[t] } },
          c,
        ),
      ),
  },
  {
    name: 'cancelImportBatch',
    mutation: true,
    allowed: importsIn,
    run: async (f, c, t) =>
      outcome(
        await f.q(
          'mutation($id: ID!) { cancelImportBatch(id: $id) { status } }',
          { id: f.imports[t].batch },
          c,
        ),
      ),
  },
];
