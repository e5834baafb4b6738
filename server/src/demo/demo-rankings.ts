import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor';
import { Role } from '../common/permissions';
import { userLookups } from '../modules/auth';
import {
  fillStaleResults,
  RankingSnapshotsService,
  ROSTER_SUMMARY_PROVIDER,
  type RosterSummaryProvider,
} from '../modules/scoring';

/**
 * Last year's published rankings of the demo, so this year's ranking and its sheet have a
 * 与上年比较: the demo supervisor freezes and publishes the latest closed round for its whole
 * area, once without peer groups and once per peer group of several bodies (as the ranking page
 * shows them).
 * Goes through the snapshot service like a supervisor would (audited). Returns how many.
 */
export async function publishDemoRankings(app: INestApplicationContext): Promise<number> {
  const dataSource = app.get(DataSource);
  const user = (await userLookups.demo(dataSource.manager)).find(
    (u) => u.username === 'demo-supervisor',
  );
  if (!user) return 0;
  const [organization] = (await dataSource.query(
    `SELECT path FROM organization_directory WHERE id = $1`,
    [user.organizationId],
  )) as { path: string }[];
  if (!organization) return 0;
  const supervisor = {
    id: user.id,
    username: user.username,
    organization_id: user.organizationId,
    path: organization.path,
  };
  const rounds = (await dataSource.query(
    `SELECT r.id FROM round_directory r
      WHERE r.is_demo AND r.status = 'CLOSED'
        AND r.scope_organization_id IN
          (SELECT id FROM organization_directory WHERE path LIKE $1 || '%')
      ORDER BY r.year DESC LIMIT 1`,
    [supervisor.path],
  )) as { id: string }[];
  const round = rounds[0];
  if (!round) return 0;
  const actor: Actor = {
    userId: supervisor.id,
    username: supervisor.username,
    role: Role.SUPERVISOR,
    organizationId: supervisor.organization_id,
    organizationPath: supervisor.path,
    sessionId: 'demo-seed',
  };
  // (a peer group of one body has nobody to be compared with: no ranking of its own)
  const peerGroups = (await dataSource.query(
    `SELECT peer_group FROM organization_directory
      WHERE is_demo AND reports AND peer_group IS NOT NULL AND path LIKE $1 || '%'
      GROUP BY peer_group HAVING count(*) > 1
      ORDER BY peer_group`,
    [supervisor.path],
  )) as { peer_group: string }[];
  const snapshots = app.get(RankingSnapshotsService);
  let published = 0;
  for (const peerGroup of [null, ...peerGroups.map((p) => p.peer_group)]) {
    try {
      const snapshot = await snapshots.freeze(actor, {
        roundId: round.id,
        regionId: supervisor.organization_id,
        peerGroup,
      });
      await snapshots.publish(actor, snapshot.id);
      published += 1;
    } catch {
      // a peer group with nobody ranked that year (set up later): nothing to compare with
    }
  }
  return published;
}

/**
 * The demo's current rankings (every round's, default model), stored before the server opens,
 * so the first reader finds them instead of filling them. Returns how many were filled.
 */
export async function fillDemoRankings(app: INestApplicationContext): Promise<number> {
  const roster = app.get<RosterSummaryProvider>(ROSTER_SUMMARY_PROVIDER, { strict: false });
  return fillStaleResults(app.get(DataSource), roster);
}
