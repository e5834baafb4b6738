import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { serverEnv, ServerProcesses, started, stopServer } from './support/server-process';

/**
 * Several server processes on one database: what one process changes, the other answers at its
 * next request — no process holds state that could disagree with the database. The processes are
 * the built server (`pnpm build` first), as an operator runs them.
 */
const servers = new ServerProcesses();
const START_MS = 180_000;

type Gql<T> = { data?: T; errors?: { message: string }[] };

async function gql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  cookie?: string,
): Promise<{ data: T; cookie: string | null }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: url,
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Gql<T>;
  if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors));
  return { data: body.data, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? null };
}

async function signIn(url: string, username: string): Promise<string> {
  const { cookie } = await gql(
    url,
    'mutation($i: SignInInput!) { signIn(input: $i) { user { id } } }',
    { i: { username, password: 'gongkai-demo' } },
  );
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

const RANKING = `query($i: RankingInput!) { ranking(input: $i) {
  edges { node { organizationId organizationName score status } } } }`;
const ROUND_STATS = `query($r: ID!, $n: ID!) { roundStats(roundId: $r, nodeId: $n) {
  expected submitted approved } }`;

type Ranking = {
  ranking: {
    edges: { node: { organizationId: string; organizationName: string; score: number | null } }[];
  };
};
type Stats = { roundStats: { expected: number; submitted: number; approved: number } };

/** Two drafts of the round never submitted (their organization and submission ids). */
async function twoDrafts(url: string, roundId: string, cookie: string) {
  const { data } = await gql<{
    reviewQueueEntries: {
      edges: { node: { organization: { id: string }; submission: { id: string } } }[];
    };
  }>(
    url,
    `query($r: ID!) { reviewQueueEntries(roundId: $r, statuses: [DRAFT], first: 2) {
      edges { node { organization { id } submission { id } } } } }`,
    { r: roundId },
    cookie,
  );
  return data.reviewQueueEntries.edges.map((e) => e.node);
}

/** A bureau account of `orgId` created by the admin (`adminCookie`), signed in on `url`. */
async function bureauOn(
  url: string,
  orgId: string,
  username: string,
  adminCookie: string,
): Promise<string> {
  await gql(
    url,
    'mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }',
    {
      i: {
        username,
        displayName: username,
        organizationId: orgId,
        role: 'BUREAU',
        password: 'Several-processes-1',
      },
    },
    adminCookie,
  );
  const { cookie } = await gql(
    url,
    'mutation($i: SignInInput!) { signIn(input: $i) { user { id } } }',
    { i: { username, password: 'Several-processes-1' } },
  );
  return cookie!;
}

describe('several server processes on one database', () => {
  let databaseUrl: string;
  let database: string;
  let dataDir: string;

  beforeAll(async () => {
    const adminUrl = process.env.GONGKAI_TEST_ADMIN_URL;
    if (!adminUrl) throw new Error('GONGKAI_TEST_ADMIN_URL is not set: run through jest.config.js');
    database = `test_${randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${database}`;
    databaseUrl = u.toString();
    dataDir = await mkdtemp(join(tmpdir(), 'gongkai-processes-'));
    await chmod(dataDir, 0o755);
  });

  afterAll(async () => {
    await servers.stopAll();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'shows a change made through one process in the other’s ranking and overview at the next request',
    async () => {
      const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv =>
        serverEnv(dataDir, { DATABASE_URL: databaseUrl, GONGKAI_JOBS: 'false', ...extra });
      // A migrates and loads the demo data; B starts on the same database afterwards
      const a = await servers.start(env({ GONGKAI_DEMO_DATA: 'true' }), START_MS);
      const b = await servers.start(env(), START_MS);
      expect(b.url).not.toBe(a.url);

      const onA = await signIn(a.url, 'demo-admin');
      // a session is a database row: the cookie from A is good on B
      const onB = onA;
      const { data: roundList } = await gql<{
        rounds: { id: string; year: number; status: string; scopeOrganizationId: string }[];
      }>(b.url, '{ rounds { id year status scopeOrganizationId } }', {}, onB);
      const rounds = [...roundList.rounds].sort((x, y) => y.year - x.year);
      const open = rounds.find((r) => r.status === 'OPEN')!;
      const closed = rounds.find((r) => r.status === 'CLOSED')!;
      const city = open.scopeOrganizationId;
      const rankingInput = { i: { roundId: closed.id, regionId: city, first: 100 } };

      // B answers first (whatever it keeps for itself is built now)
      const before = (await gql<Ranking>(b.url, RANKING, rankingInput, onB)).data;
      const statsBefore = (await gql<Stats>(b.url, ROUND_STATS, { r: open.id, n: city }, onB)).data;
      const ranked = before.ranking.edges.find((e) => e.node.score !== null)!.node;

      // an organization renamed through A …
      const { data: org } = await gql<{ organization: { revision: number } }>(
        a.url,
        'query($id: ID!) { organization(id: $id) { revision } }',
        { id: ranked.organizationId },
        onA,
      );
      const renamed = `${ranked.organizationName}（更名）`;
      await gql(
        a.url,
        'mutation($i: UpdateOrganizationInput!) { updateOrganization(input: $i) { id name } }',
        {
          i: {
            id: ranked.organizationId,
            expectedRevision: org.organization.revision,
            name: renamed,
          },
        },
        onA,
      );
      // … and a submission approved through A
      const { data: waiting } = await gql<{
        reviewQueueEntries: { edges: { node: { submission: { id: string; revision: number } } }[] };
      }>(
        a.url,
        `query($r: ID!) { reviewQueueEntries(roundId: $r, statuses: [SUBMITTED, RESUBMITTED], first: 1) {
          edges { node { submission { id revision } } } } }`,
        { r: open.id },
        onA,
      );
      const submission = waiting.reviewQueueEntries.edges[0]!.node.submission;
      await gql(
        a.url,
        'mutation($i: DecisionInput!) { approveSubmission(input: $i) { id status } }',
        { i: { submissionId: submission.id, expectedRevision: submission.revision } },
        onA,
      );

      // B's very next answers show both
      const after = (await gql<Ranking>(b.url, RANKING, rankingInput, onB)).data;
      const row = after.ranking.edges.find((e) => e.node.organizationId === ranked.organizationId);
      expect(row?.node.organizationName).toBe(renamed);
      const statsAfter = (await gql<Stats>(b.url, ROUND_STATS, { r: open.id, n: city }, onB)).data;
      expect(statsAfter.roundStats.approved).toBe(statsBefore.roundStats.approved + 1);
      expect(statsAfter.roundStats.expected).toBe(statsBefore.roundStats.expected);
      // and A agrees with B
      const onAStats = (await gql<Stats>(a.url, ROUND_STATS, { r: open.id, n: city }, onA)).data;
      expect(onAStats).toEqual(statsAfter);

      // the peers of the originality check: a draft saved through A is a peer in B's next check
      // drafts never submitted: a returned report's peer is its submitted version, not its draft
      const [x, z] = await twoDrafts(a.url, open.id, onA);
      const bureau = (url: string, orgId: string, username: string) =>
        bureauOn(url, orgId, username, onA);
      const xOnA = await bureau(a.url, x!.organization.id, 'processes-x');
      const zOnB = await bureau(b.url, z!.organization.id, 'processes-z');
      type Current = {
        submission: {
          revision: number;
          currentVersion: {
            report: { title?: string; sections: unknown };
            findings: { rule: string; peerOrganizationId: string | null }[];
          };
        };
      };
      const CURRENT = `query($id: ID!) { submission(id: $id) { revision currentVersion {
        report findings { rule peerOrganizationId } } } }`;
      const SAVE = `mutation($i: SaveDraftInput!) { saveDraft(input: $i) { revision } }`;
      const saveOn = async (url: string, cookie: string, id: string, sections: unknown) => {
        const { data } = await gql<Current>(url, CURRENT, { id }, cookie);
        const report = {
          ...data.submission.currentVersion.report,
          sections,
          title: `第${Date.now()}稿`,
        };
        await gql(
          url,
          SAVE,
          { i: { submissionId: id, expectedRevision: data.submission.revision, report } },
          cookie,
        );
      };
      const zNow = (await gql<Current>(b.url, CURRENT, { id: z!.submission.id }, zOnB)).data;
      const zSections = zNow.submission.currentVersion.report.sections;
      await saveOn(b.url, zOnB, z!.submission.id, zSections); // B reads the round's peers now
      await saveOn(a.url, xOnA, x!.submission.id, zSections); // X takes Z's prose, through A
      await saveOn(b.url, zOnB, z!.submission.id, zSections); // Z's next check, on B
      const zAfter = (await gql<Current>(b.url, CURRENT, { id: z!.submission.id }, onB)).data;
      expect(
        zAfter.submission.currentVersion.findings.filter((f) => f.rule === 'originality.peer'),
      ).toContainEqual({ rule: 'originality.peer', peerOrganizationId: x!.organization.id });

      await stopServer(a.child);
      await stopServer(b.child);
    },
    START_MS * 2 + 60_000,
  );

  it(
    'checks a draft saved through one process against the peers saved through the other, as they are now',
    async () => {
      // a database of its own: the processes of this test only
      const adminUrl = process.env.GONGKAI_TEST_ADMIN_URL!;
      const own = `test_${randomBytes(6).toString('hex')}`;
      const admin = new Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${own}`);
      await admin.end();
      const u = new URL(adminUrl);
      u.pathname = `/${own}`;
      const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv =>
        serverEnv(dataDir, { DATABASE_URL: u.toString(), GONGKAI_JOBS: 'false', ...extra });
      const a = await servers.start(env({ GONGKAI_DEMO_DATA: 'true' }), START_MS);
      const b = await servers.start(env(), START_MS);
      const onA = await signIn(a.url, 'demo-admin');
      const { data: roundList } = await gql<{ rounds: { id: string; status: string }[] }>(
        a.url,
        '{ rounds { id status } }',
        {},
        onA,
      );
      const open = roundList.rounds.find((r) => r.status === 'OPEN')!;
      const [x, z] = await twoDrafts(a.url, open.id, onA);
      const bureau = (url: string, orgId: string, username: string) =>
        bureauOn(url, orgId, username, onA);
      const xOnA = await bureau(a.url, x!.organization.id, 'peers-x');
      const zOnB = await bureau(b.url, z!.organization.id, 'peers-z');
      type Current = {
        submission: {
          revision: number;
          currentVersion: {
            report: { sections: Record<string, string | null> };
            findings: { rule: string; peerOrganizationId: string | null }[];
          };
        };
      };
      const CURRENT = `query($id: ID!) { submission(id: $id) { revision currentVersion {
        report findings { rule peerOrganizationId } } } }`;
      const current = async (url: string, id: string) =>
        (await gql<Current>(url, CURRENT, { id }, onA)).data.submission;
      /** Saves the body's report with `sections` through `url`; returns the peers found (admin's view). */
      const saveOn = async (url: string, cookie: string, id: string, sections: unknown) => {
        const now = await current(url, id);
        await gql(
          url,
          `mutation($i: SaveDraftInput!) { saveDraft(input: $i) { revision } }`,
          {
            i: {
              submissionId: id,
              expectedRevision: now.revision,
              report: { ...now.currentVersion.report, sections },
            },
          },
          cookie,
        );
        return (await current(url, id)).currentVersion.findings
          .filter((f) => f.rule === 'originality.peer')
          .map((f) => f.peerOrganizationId);
      };
      const xOwn = (await current(a.url, x!.submission.id)).currentVersion.report.sections;
      const zOwn = (await current(b.url, z!.submission.id)).currentVersion.report.sections;
      const withLine = (sections: Record<string, string | null>, line: string) => ({
        ...sections,
        other: `${sections.other ?? ''}${line}`,
      });

      // B checks Z first: whatever B could keep of the round, it would hold from now on
      expect(await saveOn(b.url, zOnB, z!.submission.id, withLine(zOwn, '一稿。'))).not.toContain(
        x!.organization.id,
      );
      // X takes Z's prose through A: A finds Z, saved through B
      expect(await saveOn(a.url, xOnA, x!.submission.id, withLine(zOwn, '照录。'))).toContain(
        z!.organization.id,
      );
      // Z's next check, on B, finds X's draft saved through A
      expect(await saveOn(b.url, zOnB, z!.submission.id, withLine(zOwn, '二稿。'))).toContain(
        x!.organization.id,
      );
      // X goes back to its own prose through A: B's next check of Z no longer finds X
      await saveOn(a.url, xOnA, x!.submission.id, withLine(xOwn, '改回。'));
      expect(await saveOn(b.url, zOnB, z!.submission.id, withLine(zOwn, '三稿。'))).not.toContain(
        x!.organization.id,
      );

      await stopServer(a.child);
      await stopServer(b.child);
    },
    START_MS * 2 + 60_000,
  );

  it(
    'GONGKAI_WORKERS=2 prepares the database once and serves from two worker processes',
    async () => {
      const server = servers.spawn(
        serverEnv(dataDir, {
          GONGKAI_WORKERS: '2',
          GONGKAI_JOBS: 'false',
          GONGKAI_DEMO_DATA: 'true',
        }),
      );
      const url = await started(server, START_MS);
      const out = server.stdout();
      expect(out.match(/loaded the demo dataset/g)).toHaveLength(1);
      expect(out.match(/published last year's demo rankings/g)).toHaveLength(1);
      expect(out).toContain('2 server processes');

      // the primary's children: the embedded PostgreSQL and two node workers
      const pid = server.child.pid!;
      const children = (
        await Promise.all(
          (await readdir(`/proc/${pid}/task`)).map((t) =>
            readFile(`/proc/${pid}/task/${t}/children`, 'utf8'),
          ),
        )
      )
        .join(' ')
        .trim()
        .split(/\s+/)
        .map(Number);
      const names = await Promise.all(
        children.map((c) => readFile(`/proc/${c}/comm`, 'utf8').then((s) => s.trim())),
      );
      expect(names.filter((n) => n !== 'postgres')).toHaveLength(2);

      // both serve: a session made through one is good on whichever answers next
      const cookie = await signIn(url, 'demo-reviewer');
      for (let i = 0; i < 4; i++) {
        const { data } = await gql<{ me: { user: { username: string } } }>(
          url,
          '{ me { user { username } } }',
          {},
          cookie,
        );
        expect(data.me.user.username).toBe('demo-reviewer');
      }
      expect(await stopServer(server.child)).toBe(0);
      // nothing left: the workers and the embedded PostgreSQL have ended
      for (const c of children) await expect(readFile(`/proc/${c}/comm`, 'utf8')).rejects.toThrow();
    },
    START_MS + 60_000,
  );
});
