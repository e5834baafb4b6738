import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor';
import { Role } from '../common/permissions';
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
  const found = (await dataSource.query(
    `SELECT u.id, u.username, u.organization_id, o.path
       FROM users u JOIN organizations o ON o.id = u.organization_id
      WHERE u.username = 'demo-supervisor' AND u.is_demo`,
  )) as { id: string; username: string; organization_id: string; path: string }[];
  const supervisor = found[0];
  if (!supervisor) return 0;
  const rounds = (await dataSource.query(
    `SELECT r.id FROM rounds r
      WHERE r.is_demo AND r.status = 'CLOSED'
        AND r.scope_organization_id IN (SELECT id FROM organizations WHERE path LIKE $1 || '%')
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
    `SELECT peer_group FROM organizations
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
