import type { Actor } from '../src/common/actor';
import { DomainError } from '../src/common/domain-error';
import { Role } from '../src/common/permissions';
import type { RankingRow } from '../src/modules/scoring/ranking-row';
import { RankingRowsReader } from '../src/modules/scoring/ranking-rows.reader';
import type { DisplayFilter, RankingScope } from '../src/modules/scoring/ranking.service';
import { createTestApp, demoDataHooks, type TestApp } from './test-app';

/**
 * The rows an export or a freeze reads in one statement through a cursor equal, field for field
 * and flags included, the keyset pages the ranking page reads: for the whole round, a peer group
 * and a region subtree (ranked among itself), across FETCH boundaries; a result replaced before
 * the stream is read ends it with a conflict, not with fewer rows.
 */
describe('ranking rows streamed through one cursor statement', () => {
  let app: TestApp;
  let reader: RankingRowsReader;
  let actor: Actor;
  let roundId: string;
  let cityId: string;
  let districtId: string;

  beforeAll(async () => {
    app = await createTestApp({ hooks: demoDataHooks() });
    reader = app.app.get(RankingRowsReader);
    const [scope] = (await app.dataSource.query(
      `SELECT r.id AS round_id, o.id, o.path,
              (SELECT c.id FROM organizations c WHERE c.parent_id = o.id AND c.level <> 'DEPARTMENT'
                ORDER BY c.name LIMIT 1) AS child
         FROM rounds r JOIN organizations o ON o.id = r.scope_organization_id
        WHERE EXISTS (SELECT 1 FROM submissions s WHERE s.round_id = r.id)
        ORDER BY r.year DESC LIMIT 1`,
    )) as { round_id: string; id: string; path: string; child: string }[];
    roundId = scope!.round_id;
    cityId = scope!.id;
    districtId = scope!.child;
    actor = {
      userId: 'test',
      username: 'test',
      role: Role.SUPERVISOR,
      organizationId: scope!.id,
      organizationPath: scope!.path,
      sessionId: 'test',
    };
  }, 300_000);
  afterAll(() => app.close());

  /** The rows of the ranking page, page after page along the keyset. */
  async function pagedRows(scope: RankingScope & DisplayFilter, first = 13) {
    const rows: RankingRow[] = [];
    let afterPosition = 0;
    for (;;) {
      const page = await reader.page(actor, scope, { first, afterPosition });
      for (const { listPosition: _position, ...row } of page.rows) rows.push(row);
      if (page.rows.length < first) return rows;
      afterPosition = page.rows.at(-1)!.listPosition;
    }
  }

  async function streamedRows(scope: RankingScope & DisplayFilter, batch: number) {
    const rows: RankingRow[] = [];
    for await (const row of reader.rows(await reader.source(actor, scope), batch)) rows.push(row);
    return rows;
  }

  it('gives every row of the round, a peer group and a subtree as the pages do', async () => {
    const round = await pagedRows({ roundId, regionId: cityId });
    expect(round.length).toBeGreaterThan(40);
    expect(round.some((row) => row.flags.length > 0)).toBe(true);
    expect(round.some((row) => row.status !== null && row.firstSubmittedAt !== null)).toBe(true);
    const district = await pagedRows({ roundId, regionId: districtId });
    const scopes: (RankingScope & DisplayFilter)[] = [
      { roundId, regionId: cityId },
      { roundId, regionId: cityId, peerGroup: round.at(-1)!.peerGroup },
      { roundId, regionId: districtId },
      { roundId, regionId: districtId, peerGroup: district.at(-1)!.peerGroup },
    ];
    for (const scope of scopes) {
      const paged = await pagedRows(scope);
      expect(paged.length).toBeGreaterThan(0);
      // a batch boundary inside the population, one batch, and a batch of one row
      for (const batch of [7, paged.length, 1])
        expect(await streamedRows(scope, batch)).toEqual(paged);
    }
    // a subtree is ranked among itself: ranks start at 1 again
    expect(district.find((row) => row.rank !== null)?.rank).toBe(1);
    expect(district.length).toBeLessThan(round.length);
  }, 120_000);

  it('reads a display filter page after page, with the same rows as the pages', async () => {
    const all = await pagedRows({ roundId, regionId: cityId });
    const name = all[Math.floor(all.length / 2)]!.organizationName.slice(-2);
    const scope = { roundId, regionId: cityId, search: name };
    const filtered = await streamedRows(scope, 3);
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((row) => row.organizationName.includes(name))).toBe(true);
    expect(filtered).toEqual(await pagedRows(scope));
  }, 60_000);

  it('ends its cursor and gives its connection back when the reader stops early', async () => {
    const scope = { roundId, regionId: cityId };
    const open = async () =>
      (
        (await app.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE state LIKE 'idle in transaction%' AND query LIKE '%FROM ranking_rows%'`,
        )) as { n: number }[]
      )[0]!.n;
    for (let i = 0; i < 25; i += 1) {
      let n = 0;
      for await (const _row of reader.rows(await reader.source(actor, scope), 2)) {
        n += 1;
        if (n === 3) break;
      }
      expect(n).toBe(3);
    }
    expect(await open()).toBe(0);
    // the pool still serves a whole read
    expect((await streamedRows(scope, 50)).length).toBeGreaterThan(40);
  }, 60_000);

  it('ends with a conflict when the result was replaced before it was read', async () => {
    const source = await reader.source(actor, { roundId, regionId: cityId });
    await app.dataSource.query('DELETE FROM ranking_results WHERE id = $1', [source.result.id]);
    const read = async () => {
      let n = 0;
      for await (const _row of reader.rows(source, 5)) n += 1;
      return n;
    };
    const error = await read().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).reason?.key).toBe('ranking.resultReplaced');
  }, 60_000);
});
