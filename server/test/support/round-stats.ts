import type { TestApp } from '../test-app';
import { gqlOk } from './world';

/** The round statistics the collection tests read. */
export const STATS = `query($r: ID!, $n: ID!) { roundStats(roundId: $r, nodeId: $n) {
  expected submitted onTime late missing complete approved submittedRate onTimeRate completeRate approvedRate
  missingOrganizationIds lateOrganizationIds children { nodeId expected submitted onTime } } }`;
export type Stats = {
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  complete: number;
  approved: number;
  submittedRate: number;
  onTimeRate: number;
  completeRate: number;
  approvedRate: number;
  missingOrganizationIds: string[];
  lateOrganizationIds: string[];
  children: { nodeId: string; expected: number; submitted: number; onTime: number }[];
};

/** A round's statistics at a node, as the given cookie reads them. */
export const roundStatsOf = (app: TestApp, cookie: string, roundId: string, nodeId: string) =>
  gqlOk<{ roundStats: Stats }>(app, STATS, { r: roundId, n: nodeId }, cookie).then(
    (d) => d.roundStats,
  );
