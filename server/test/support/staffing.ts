import type { TestApp } from '../test-app';
import { gqlOk, type UserKey, type World } from './world';

/** Names used in the rosters below: none of them may reach a caller outside the scope. */
export const NAMES = { chen: '陈晓梅', li: '李建国', wang: '王志强', zhao: '赵丽华' };

export const ROSTER = `query($o: ID!, $r: ID!) { staffingRoster(organizationId: $o, roundId: $r) {
  present asOfDate lastUpdatedAt updatedSince fullTimeStaff partTimeStaff leadingGroup trainingsInYear
  posts { postKey vacant vacantSince daysVacant holders { holderName fullTime fromDate untilDate source sourcePath sourceLine } }
  history { id holderName }
  flags { id message evidence }
  reportStaffing { dedicatedStaff partTimeStaff }
} }`;

export type RosterResult = {
  staffingRoster: {
    present: boolean;
    asOfDate: string;
    lastUpdatedAt: string | null;
    updatedSince: string | null;
    fullTimeStaff: number;
    partTimeStaff: number;
    leadingGroup: boolean | null;
    trainingsInYear: number;
    posts: {
      postKey: string;
      vacant: boolean;
      vacantSince: string | null;
      daysVacant: number | null;
      holders: {
        holderName: string;
        fullTime: boolean;
        fromDate: string;
        untilDate: string | null;
        source: string;
        sourcePath: string | null;
        sourceLine: number | null;
      }[];
    }[];
    history: { id: string; holderName: string }[];
    flags: { id: string; message: string; evidence: Record<string, unknown> }[];
    reportStaffing: { dedicatedStaff: number | null; partTimeStaff: number | null } | null;
  };
};

export function post(result: RosterResult, key: string) {
  const found = result.staffingRoster.posts.find((p) => p.postKey === key);
  if (!found) throw new Error(`no post ${key}`);
  return found;
}

export function flagIds(result: RosterResult): string[] {
  return result.staffingRoster.flags.map((f) => f.id).sort();
}

export async function roster(w: World, who: UserKey, orgId: string, roundId: string) {
  return gqlOk<RosterResult>(w.app, ROSTER, { o: orgId, r: roundId }, w.cookie[who]);
}

export async function setDefaultPosts(w: World, roundId: string) {
  await gqlOk(
    w.app,
    'mutation($i: SetRequiredPostsInput!) { setRequiredPosts(input: $i) { postKey } }',
    { i: { roundId } },
    w.cookie.reviewer,
  );
}

export async function assign(
  w: World,
  who: UserKey,
  organizationId: string,
  postKey: string,
  holderName: string,
  fullTime: boolean,
  fromDate: string,
  untilDate: string | null = null,
) {
  return w.app.graphql<{ assignPost: { id: string; revision: number } }>(
    'mutation($i: AssignPostInput!) { assignPost(input: $i) { id revision } }',
    { i: { organizationId, postKey, holderName, fullTime, fromDate, untilDate } },
    w.cookie[who],
  );
}

/** Fills every default post of an organization from a day, so only the post under test varies. */
export async function fillOthers(w: World, orgId: string, except: string, from = '2020-01-01') {
  const holders: Record<string, [string, boolean]> = {
    leaderInCharge: ['分管副局长', false],
    disclosureOffice: ['局办公室', true],
    dedicatedStaff: [NAMES.wang, true],
    liaison: [NAMES.zhao, false],
    confidentialityReview: ['办公室主任', false],
  };
  for (const [key, [name, fullTime]] of Object.entries(holders))
    if (key !== except) {
      const res = await assign(w, 'bureauA1', orgId, key, name, fullTime, from);
      expect(res.errors).toBeUndefined();
    }
}

export async function closeRound(app: TestApp, roundId: string, departmentDeadline: string) {
  await app.dataSource.query(
    `UPDATE rounds SET status = 'CLOSED', department_deadline = $2 WHERE id = $1`,
    [roundId, departmentDeadline],
  );
}

/** A roster edit or confirmation at a chosen instant (audit events are append-only). */
export async function rosterEventAt(app: TestApp, orgId: string, at: string) {
  await app.dataSource.query(
    `INSERT INTO audit_events (organization_id, action, data, created_at) VALUES ($1, 'roster.confirm', '{}', $2)`,
    [orgId, at],
  );
}
