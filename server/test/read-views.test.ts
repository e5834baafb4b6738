import { AUDIT_READ_VIEWS } from '../src/modules/audit';
import { AUTH_READ_VIEWS } from '../src/modules/auth';
import { ORGANIZATION_READ_VIEWS } from '../src/modules/organizations';
import { ROUND_READ_VIEWS } from '../src/modules/rounds';
import { SCORING_READ_VIEWS } from '../src/modules/scoring';
import { STAFFING_READ_VIEWS } from '../src/modules/staffing';
import { SUBMISSION_READ_VIEWS } from '../src/modules/submissions';
import { useApp } from './support/suite';
import type { TestApp } from './test-app';

// The read views the modules publish for each other's SQL (modules/README.md, "Read views"):
// what the modules declare is what the migrations create, and what the views show.
const declared: Record<string, string> = {
  ...AUDIT_READ_VIEWS,
  ...AUTH_READ_VIEWS,
  ...ORGANIZATION_READ_VIEWS,
  ...ROUND_READ_VIEWS,
  ...SCORING_READ_VIEWS,
  ...STAFFING_READ_VIEWS,
  ...SUBMISSION_READ_VIEWS,
};

let app: TestApp;
useApp((a) => (app = a));

async function columns(relation: string): Promise<string[]> {
  const rows: { column_name: string }[] = await app.dataSource.query(
    `SELECT column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
    [relation],
  );
  return rows.map((r) => r.column_name);
}

describe('read views', () => {
  it('every view in the database is declared by one module, and every declared one exists', async () => {
    const views: { name: string }[] = await app.dataSource.query(
      "SELECT table_name AS name FROM information_schema.views WHERE table_schema = 'public'",
    );
    expect(views.map((v) => v.name).sort()).toEqual(Object.keys(declared).sort());
  });

  it('each projection view shows columns of the table it declares, under the same names', async () => {
    for (const [view, table] of Object.entries(declared)) {
      if (view === 'expected_submissions') continue; // the deadline rule: a join, not a projection
      const shown = await columns(view);
      const tableColumns = await columns(table);
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.filter((c) => !tableColumns.includes(c))).toEqual([]);
    }
  });

  it('no view shows a password hash, a post holder’s name or a free-text reason', async () => {
    for (const view of Object.keys(declared)) {
      const shown = await columns(view);
      for (const secret of ['password_hash', 'holder_name', 'reason', 'data'])
        expect({ view, shows: shown.includes(secret) }).toEqual({ view, shows: false });
    }
  });

  it('PostgreSQL plans a read through a view as the read of its table', async () => {
    const plan = async (sql: string) => {
      const [row] = (await app.dataSource.query(`EXPLAIN (FORMAT JSON) ${sql}`)) as {
        'QUERY PLAN': { Plan: Record<string, unknown> }[];
      }[];
      const strip = (p: Record<string, unknown>): unknown => ({
        type: p['Node Type'],
        relation: p['Relation Name'],
        index: p['Index Name'],
        cost: p['Total Cost'],
        plans: ((p['Plans'] as Record<string, unknown>[] | undefined) ?? []).map(strip),
      });
      return strip(row!['QUERY PLAN'][0]!.Plan);
    };
    const sql = (o: string, s: string, r: string) =>
      `SELECT o.name, s.status FROM ${r} r JOIN ${o} o ON o.path >= 'A' AND o.path < 'B'
         LEFT JOIN ${s} s ON s.round_id = r.id AND s.organization_id = o.id
        WHERE r.id = '00000000-0000-0000-0000-000000000000'`;
    const direct = await plan(sql('organizations', 'submissions', 'rounds'));
    // the plan scans the tables themselves: the views leave no subquery scan behind
    const relations = (p: unknown): string[] => {
      const node = p as { relation?: string; type: string; plans: unknown[] };
      return [...(node.relation ? [node.relation] : []), ...node.plans.flatMap(relations)];
    };
    expect([...new Set(relations(direct))].sort()).toEqual([
      'organizations',
      'rounds',
      'submissions',
    ]);
    expect(
      await plan(sql('organization_directory', 'submission_states', 'round_directory')),
    ).toEqual(direct);
  });
});
