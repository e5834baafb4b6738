import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../src/common/actor';
import { Role } from '../src/common/permissions';
import { AuditService } from '../src/modules/audit';
import {
  checkNewOrganization,
  insertCheckedOrganizations,
  OrganizationLevel,
} from '../src/modules/organizations';
import type { DirectoryRecord } from '../src/modules/organizations/directory-file.parser';
import {
  DirectoryImporter,
  type DirectoryImportReport,
} from '../src/modules/organizations/directory-import';
import type { TestApp } from './test-app';
import { useApp } from './support/suite';

// The directory import written as lists (a few statements for the whole file) against the same
// directory imported one row per file (every write a one-item list): twin trees under the
// prefixes A and B, compared row by row by code.

const admin: Actor = {
  userId: randomUUID(),
  username: 'admin',
  role: Role.ADMIN,
  organizationId: randomUUID(),
  organizationPath: '/',
  sessionId: randomUUID(),
} as Actor;

type Values = Record<string, string>;

/** The twin's tree before the import: two cities, three counties, six departments. */
async function baseTree(manager: EntityManager, x: string): Promise<void> {
  const c1 = randomUUID();
  const c2 = randomUUID();
  const k1 = randomUUID();
  const k2 = randomUUID();
  const k3 = randomUUID();
  const items = [
    { id: c1, code: `${x}-C1`, name: `${x} 一市`, level: OrganizationLevel.CITY },
    { id: c2, code: `${x}-C2`, name: `${x} 二市`, level: OrganizationLevel.CITY },
    { id: k1, code: `${x}-K1`, name: `${x} 一县`, level: OrganizationLevel.COUNTY, parentId: c1 },
    { id: k2, code: `${x}-K2`, name: `${x} 二县`, level: OrganizationLevel.COUNTY, parentId: c1 },
    { id: k3, code: `${x}-K3`, name: `${x} 三县`, level: OrganizationLevel.COUNTY, parentId: c2 },
    ...[k1, k2].flatMap((parentId, k) =>
      [1, 2, 3].map((d) => ({
        code: `${x}-K${k + 1}-D${d}`,
        name: `${x} ${k + 1} 县 ${d} 局`,
        level: OrganizationLevel.DEPARTMENT,
        parentId,
      })),
    ),
  ];
  items.forEach((item) => checkNewOrganization(item));
  await insertCheckedOrganizations(manager, admin, items);
}

/**
 * The directory for twin `x`: `counties` new counties with `perCounty` departments each, a
 * renamed department, a closed one, a county moved to the other city with its departments, and
 * one of those departments moved on to another county.
 */
function directory(x: string, counties: number, perCounty: number): Values[] {
  const rows: Values[] = [
    {
      code: `${x}-K1-D1`,
      name: `${x} 一县统计局`,
      level: '部门',
      parent_code: `${x}-K1`,
      kind: '统计局',
    },
    {
      code: `${x}-K1-D2`,
      name: `${x} 1 县 2 局`,
      level: '部门',
      parent_code: `${x}-K1`,
      active_to: '2024',
    },
    { code: `${x}-K1`, name: `${x} 一县`, level: '县', parent_code: `${x}-C2` },
    { code: `${x}-K1-D3`, name: `${x} 1 县 3 局`, level: '部门', parent_code: `${x}-K2` },
  ];
  for (let k = 0; k < counties; k++) {
    rows.push({
      code: `${x}-N${k}`,
      name: `${x} 新${k}区`,
      level: '县',
      parent_code: k % 2 ? `${x}-C2` : `${x}-C1`,
      region: '东部',
    });
    for (let d = 0; d < perCounty; d++)
      rows.push({
        code: `${x}-N${k}-D${d}`,
        name: ` ${x} 新${k}区第${d}局 `,
        level: '部门',
        parent_code: `${x}-N${k}`,
        kind: d % 3 ? '统计局' : '',
        peer_group: d % 5 ? '' : 'G1',
        active_from: d % 7 ? '' : '2020',
        active_to: d % 11 ? '' : '2030',
        reports: d % 13 ? '' : '否',
      });
  }
  return rows;
}

const records = (rows: Values[]): DirectoryRecord[] =>
  rows.map((values, i) => ({ line: i + 2, values }));

/** Every row of a twin by its code without the prefix: fields, parent, path as codes, revision. */
async function twinRows(app: TestApp, x: string) {
  const rows: {
    id: string;
    code: string;
    name: string;
    level: string;
    parent_id: string | null;
    path: string;
    kind: string | null;
    peer_group: string | null;
    region: string | null;
    active_from_year: number | null;
    active_to_year: number | null;
    reports: boolean;
    is_demo: boolean;
    revision: number;
  }[] = await app.dataSource.query(
    `SELECT id, code, name, level, parent_id, path, kind, peer_group, region, active_from_year,
            active_to_year, reports, is_demo, revision
       FROM organizations WHERE code LIKE $1 ORDER BY code`,
    [`${x}-%`],
  );
  const codeOf = new Map(rows.map((r) => [r.id, r.code.slice(x.length + 1)]));
  const strip = (text: string | null) => text?.replaceAll(x, 'X') ?? null;
  return rows.map((r) => ({
    code: codeOf.get(r.id),
    name: strip(r.name),
    level: r.level,
    parent: r.parent_id ? codeOf.get(r.parent_id) : null,
    path: r.path
      .split('/')
      .filter((id) => id !== '')
      .map((id) => codeOf.get(id) ?? id),
    kind: r.kind,
    peerGroup: r.peer_group,
    region: r.region,
    activeFromYear: r.active_from_year,
    activeToYear: r.active_to_year,
    reports: r.reports,
    isDemo: r.is_demo,
    revision: r.revision,
  }));
}

/** The events an import recorded (but the import's summary), with codes for ids. */
async function twinEvents(app: TestApp, x: string, since: Date) {
  const rows: { action: string; code: string; data: unknown }[] = await app.dataSource.query(
    `SELECT e.action, o.code, e.data FROM audit_events e JOIN organizations o ON o.id = e.organization_id
      WHERE o.code LIKE $1 AND e.created_at >= $2 AND e.action <> 'organization.import'
      ORDER BY e.created_at, e.id`,
    [`${x}-%`, since],
  );
  const strip = (value: unknown): unknown => JSON.parse(JSON.stringify(value).replaceAll(x, 'X'));
  // one transaction's events share their time: compared as a set
  return rows
    .map((r) => JSON.stringify({ action: r.action, code: strip(r.code), data: strip(r.data) }))
    .sort();
}

describe(DirectoryImporter.name, () => {
  let app: TestApp;
  useApp((booted) => {
    app = booted;
  });

  /** Runs an import in its own transaction, counting its statements. */
  async function run(
    rows: Values[],
  ): Promise<{ report: DirectoryImportReport; statements: string[]; ms: number }> {
    const sut = new DirectoryImporter(app.app.get(AuditService));
    const statements: string[] = [];
    const started = performance.now();
    const report = await app.dataSource.transaction(async (manager) => {
      const runner = manager.queryRunner!;
      const query = runner.query.bind(runner);
      runner.query = ((sql: string, ...rest: unknown[]) => {
        statements.push(sql);
        return (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest);
      }) as typeof runner.query;
      return sut.run(manager, admin, records(rows), false);
    });
    return {
      report,
      statements: statements.filter((s) => !/^\s*(BEGIN|START|COMMIT)/i.test(s)),
      ms: performance.now() - started,
    };
  }

  it('writes a 2,000-row directory in a few statements, the same rows and events as one row per import', async () => {
    await app.dataSource.transaction(async (manager) => {
      await baseTree(manager, 'A');
      await baseTree(manager, 'B');
    });
    const since = new Date();
    const whole = await run(directory('A', 20, 99));
    expect(whole.report.errors).toEqual([]);
    expect(whole.report).toMatchObject({
      applied: true,
      created: 2000,
      changed: 1,
      moved: 2,
      closed: 1,
    });
    let perRowStatements = 0;
    const perRowStarted = performance.now();
    for (const row of directory('B', 20, 99)) {
      const one = await run([row]);
      expect(one.report.errors).toEqual([]);
      perRowStatements += one.statements.length;
    }
    const perRowMs = performance.now() - perRowStarted;
    process.stdout.write(
      `directory import of 2,004 rows: ${whole.statements.length} statements in ${Math.round(whole.ms)} ms; one row per import: ${perRowStatements} statements in ${Math.round(perRowMs)} ms\n`,
    );
    expect(await twinRows(app, 'A')).toEqual(await twinRows(app, 'B'));
    expect(await twinEvents(app, 'A', since)).toEqual(await twinEvents(app, 'B', since));
    // the rows' reads, the closings' checks, then the writes as lists and the events
    expect(whole.statements.length).toBeLessThanOrEqual(12);
  }, 600_000);

  it('refuses a bad row the same way in the whole file and alone, writing nothing', async () => {
    await app.dataSource.transaction((manager) => baseTree(manager, 'Q'));
    const count = async () =>
      (
        (await app.dataSource.query('SELECT count(*) AS n FROM organizations')) as { n: string }[]
      )[0]!.n;
    const before = await count();
    const bad: Values[] = [
      { code: 'Q-X1', name: '某县', level: '县', parent_code: 'Q-nowhere' },
      { code: 'Q-X2', name: '某县', level: '局', parent_code: 'Q-C1' },
      { code: 'Q-X3', name: '某局', level: '部门', parent_code: 'Q-X3' },
      { code: 'Q-X4', name: '某市', level: '市', parent_code: 'Q-K1' },
      {
        code: 'Q-X5',
        name: '',
        level: '部门',
        parent_code: 'Q-K2',
        active_from: '2030',
        active_to: '2020',
      },
      { code: 'Q-K1', name: 'Q 一县', level: '部门', parent_code: 'Q-C1' },
    ];
    const good = directory('Q', 3, 5).slice(4); // the new counties and departments
    const whole = await run([...good, ...bad]);
    expect(whole.report.applied).toBe(false);
    const keyed = (report: DirectoryImportReport, line: (l: number) => number) =>
      report.errors.map((e) => `${line(e.line)}:${e.field}:${e.reason.key}`);
    const alone: string[] = [];
    for (const [i, row] of bad.entries()) {
      const one = await run([row]);
      expect(one.report.applied).toBe(false);
      alone.push(...keyed(one.report, () => good.length + i + 2));
    }
    expect(keyed(whole.report, (l) => l).sort()).toEqual(alone.sort());
    const at = (i: number) => good.length + i + 2;
    expect(keyed(whole.report, (l) => l)).toEqual(
      expect.arrayContaining([
        `${at(0)}:parent_code:directory.row.parentUnknown`,
        `${at(1)}:level:directory.row.levelUnknown`,
        `${at(2)}:parent_code:directory.row.ownParent`,
        `${at(3)}:parent_code:directory.row.levelPlacement`,
        `${at(4)}:name:directory.row.nameRequired`,
        `${at(4)}:active_to:directory.row.yearsReversed`,
        `${at(5)}:level:directory.row.levelChange`,
      ]),
    );
    expect(await count()).toBe(before);
  }, 120_000);
});
