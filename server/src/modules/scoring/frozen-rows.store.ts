import { FLAG_CATALOGUE } from '@gongkai/scoring';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { LruCache } from '../../common/lru-cache';
import { badInput } from '../../common/domain-error';
import { isUuid } from '../../common/uuid';
import { cursorBatches } from '../../database/cursor';
import type { InputsPopulation } from './current-inputs.reader';
import { ROSTERED_ORGANIZATIONS_SQL, subtreePattern } from './ranking.sql';
import {
  INSERT_ROWS_KEPT_POINTS_SQL,
  INSERT_ROWS_SQL,
  STAGE_FLAGS_SQL,
  STAGE_KEPT_ROWS_SQL,
  STAGE_ROWS_SQL,
  STAGED_HASH_SQL,
  stageMembersSql,
} from './frozen-rows.sql';
import { refDigest, type InputRef } from './input-ref';
import type { StoredPopulation } from './ranking-results.store';
import type { RankingRow } from './ranking-row';
import {
  FROZEN_ROW_COLUMNS,
  frozenRankingRow,
  plannedRankingRows,
  type FrozenRow,
  type RankingRowsPlan,
} from './ranking-rows.plan';
import type { DisplayFilter } from './ranking.service';
import { ROSTER_SUMMARY_PROVIDER, type RosterSummaryProvider } from './scoring-source.reader';

/** One organization of a frozen ranking as the staleness check reads it. */
export type FrozenDigest = {
  readonly position: number;
  readonly organization_id: string;
  readonly organization_name: string;
  readonly input_digest: string;
};

/** Members whose points are staged per INSERT when freezing (one progress step each). */
const WRITE_BATCH = 10_000;
/** Members whose roster summaries are read per call of the roster module. */
const ROSTER_BATCH = 1000;
/** What the statements staging inputs may use to sort and join in memory. */
const STAGE_WORK_MEM = '64MB';
/**
 * What the statement writing the rows may use: its sort by place and the new rows its
 * statement-level trigger reads (`CheckSnapshotRowsBySet`) each hold every row of the snapshot
 * (about 140 MB for 120,000), which at 64 MB each went through a temporary file.
 */
const WRITE_WORK_MEM = '320MB';

/** The Chinese label of every flag by id (what a frozen row's flags carry). */
const FLAG_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(FLAG_CATALOGUE).map(([id, flag]) => [id, flag.labelZh]),
);

/** The population of the stored result a freeze writes from. */
export type FrozenSource = {
  readonly resultId: string;
  readonly population: StoredPopulation;
  /** `LIKE` pattern of the ranked region's subtree. */
  readonly regionPattern: string;
  readonly peerGroup: string | null;
  /** Last year's published snapshot the rank changes come from. */
  readonly previousSnapshotId: string | null;
  /** Whether rows carry the result's flags (a flags store is bound). */
  readonly withFlags: boolean;
};

/** The snapshot a freeze writes, and the population of the stored result it is written from. */
export type FrozenTarget = FrozenSource & { readonly snapshotId: string };

/** One member's points per model indicator, as a frozen row stores them. */
export type FrozenPoints = {
  readonly organizationId: string;
  readonly points: readonly (number | null)[];
};
/** Rows per FETCH when a frozen ranking is read whole (the export). */
export const READ_BATCH = 2000;
/** Last year's ranks kept in memory, and how many organizations in all. */
const MAX_CACHED_RANKS = 8;
const MAX_CACHED_RANKED = 300_000;

/**
 * The rows of frozen rankings (`ranking_snapshot_rows`): written once when a ranking is frozen,
 * then read a page at a time (filters in SQL), through a cursor (exports), or as last year's
 * ranks. Memory does not grow with the size of a frozen ranking, except for the cached ranks.
 */
@Injectable()
export class FrozenRowsStore {
  private readonly rankCache = new LruCache<string, ReadonlyMap<string, number>>({
    maxEntries: MAX_CACHED_RANKS,
    maxWeight: MAX_CACHED_RANKED,
    weigh: (ranks) => ranks.size,
  });

  constructor(
    private readonly dataSource: DataSource,
    @Optional()
    @Inject(ROSTER_SUMMARY_PROVIDER)
    private readonly roster: RosterSummaryProvider | null = null,
  ) {}

  /**
   * Creates the transaction's table of what the freeze writes (`freeze_inputs`, dropped at
   * commit) in PostgreSQL: the population's members in the stored result (`stageMembersSql`,
   * analyzed), then one statement — each member's `InputRef`, its `refDigest` and the fields of
   * its row from the stored result, the references read from the round's kept inputs when
   * `keptStamps` names the counters they were kept under (`STAGE_KEPT_ROWS_SQL`, the caller
   * holding them: `InputRefsStore.holdCurrent`), else built now (`STAGE_ROWS_SQL`) — then adds
   * the roster summaries of the members that have one (read from the roster module a batch at
   * a time, their digests computed here); returns their `inputsHash` and how many there are.
   */
  async stageInputs(
    manager: EntityManager,
    population: InputsPopulation,
    source: FrozenSource,
    keptStamps: string | null = null,
  ): Promise<{ hash: string; count: number }> {
    await manager.query(`SET LOCAL work_mem = '${STAGE_WORK_MEM}'`);
    await manager.query(stageMembersSql(source.population), [
      source.resultId,
      source.regionPattern,
      source.peerGroup,
    ]);
    await manager.query('ANALYZE freeze_members (organization_id)');
    await manager.query(STAGE_FLAGS_SQL, [
      source.resultId,
      JSON.stringify(FLAG_LABELS),
      source.withFlags,
    ]);
    await manager.query('ANALYZE freeze_flags (organization_id)');
    await manager.query(keptStamps === null ? STAGE_ROWS_SQL : STAGE_KEPT_ROWS_SQL, [
      population.roundId,
      population.regionPath,
      population.peerGroup,
      keptStamps,
      source.previousSnapshotId,
    ]);
    if (this.roster) await this.addRosters(manager, population, this.roster);
    const [staged] = (await manager.query(STAGED_HASH_SQL)) as { count: number; hash: string }[];
    return { hash: staged!.hash, count: staged!.count };
  }

  /**
   * Adds the roster summaries of the staged members that may have one: those of the subtree
   * with a post or a roster edit (`ROSTERED_ORGANIZATIONS_SQL`, few), looked up along the staged
   * table's key a batch at a time instead of scanning its wide rows. The key is built only when
   * there are such members (building it for 120,000 took as much as hashing them); the snapshot's
   * unique index on the organization holds the staged members unique either way.
   */
  private async addRosters(
    manager: EntityManager,
    population: InputsPopulation,
    roster: RosterSummaryProvider,
  ): Promise<void> {
    const candidates = (
      (await manager.query(ROSTERED_ORGANIZATIONS_SQL, [
        subtreePattern(population.regionPath),
      ])) as {
        id: string;
      }[]
    )
      .map((row) => row.id)
      .sort();
    if (candidates.length > 0)
      await manager.query('ALTER TABLE freeze_inputs ADD PRIMARY KEY (organization_id)');
    for (let from = 0; from < candidates.length; from += ROSTER_BATCH) {
      const rows = (await manager.query(
        `SELECT organization_id, input FROM freeze_inputs
          WHERE rostered AND organization_id = ANY($1::uuid[]) ORDER BY organization_id`,
        [candidates.slice(from, from + ROSTER_BATCH)],
      )) as { organization_id: string; input: InputRef }[];
      if (rows.length === 0) continue;
      const summaries = await roster.summaries(
        population.roundId,
        rows.map((row) => row.organization_id),
      );
      const ids: string[] = [];
      const inputs: string[] = [];
      const digests: string[] = [];
      for (const row of rows) {
        const summary = summaries.get(row.organization_id);
        if (!summary) continue;
        const ref: InputRef = { ...row.input, roster: summary };
        ids.push(row.organization_id);
        inputs.push(JSON.stringify(ref));
        digests.push(refDigest(ref));
      }
      if (ids.length > 0)
        await manager.query(
          `UPDATE freeze_inputs f SET input = u.input::jsonb, input_digest = u.digest
             FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, input, digest)
            WHERE f.organization_id = u.id`,
          [ids, inputs, digests],
        );
    }
  }

  /**
   * Writes a snapshot's rows inside the caller's transaction: the members' points (computed by
   * the caller from the result's measurements, `rows`) are staged in batches in `freeze_points`
   * — `onBatch` is told how many after each batch — then every row is written by one statement
   * from the staged members (`stageInputs`) and points (`INSERT_ROWS_SQL`); with `rows` null,
   * from the points kept for the result (`ResultPointsStore`, `INSERT_ROWS_KEPT_POINTS_SQL`).
   * Returns how many rows were written: a member without staged inputs or points (the data
   * changed between reading them) is missing from the count.
   */
  async write(
    manager: EntityManager,
    target: FrozenTarget,
    rows: AsyncIterable<FrozenPoints> | null,
    onBatch?: (written: number) => Promise<void>,
    batchSize = WRITE_BATCH,
  ): Promise<number> {
    await manager.query(`SET LOCAL work_mem = '${WRITE_WORK_MEM}'`);
    if (rows === null) {
      const [written] = (await manager.query(INSERT_ROWS_KEPT_POINTS_SQL, [
        target.snapshotId,
        target.resultId,
      ])) as { n: number }[];
      return written?.n ?? 0;
    }
    await manager.query(
      `CREATE TEMP TABLE freeze_points (organization_id uuid PRIMARY KEY, points jsonb NOT NULL)
         ON COMMIT DROP`,
    );
    let staged = 0;
    let ids: string[] = [];
    let points: (number | null)[][] = [];
    const flush = async (): Promise<void> => {
      if (ids.length === 0) return;
      await manager.query(
        `INSERT INTO freeze_points (organization_id, points)
         SELECT * FROM ROWS FROM (unnest($1::uuid[]), jsonb_array_elements($2::jsonb))`,
        [ids, JSON.stringify(points)],
      );
      staged += ids.length;
      ids = [];
      points = [];
      await onBatch?.(staged);
    };
    for await (const row of rows) {
      ids.push(row.organizationId);
      points.push(row.points as (number | null)[]);
      if (ids.length === batchSize) await flush();
    }
    await flush();
    const [written] = (await manager.query(INSERT_ROWS_SQL, [target.snapshotId])) as {
      n: number;
    }[];
    return written?.n ?? 0;
  }

  /**
   * One page of a frozen ranking, in rank order, with the display filters applied (ranks
   * unchanged): after the cursor's organization, or the last `limit` rows (`fromEnd`).
   * `rows` has up to `limit + 1` entries when reading forwards (the extra one tells there is a
   * next page).
   */
  async page(
    snapshotId: string,
    filter: DisplayFilter,
    page: { readonly after: string | null; readonly fromEnd: boolean; readonly limit: number },
  ): Promise<{ rows: RankingRow[]; totalCount: number }> {
    const params: unknown[] = [snapshotId];
    const where = ['snapshot_id = $1'];
    const search = filter.search?.trim() || null;
    if (filter.departmentType != null) {
      params.push(filter.departmentType);
      where.push(`department_type = $${params.length}`);
    }
    if (search !== null) {
      params.push(search);
      where.push(`strpos(organization_name, $${params.length}) > 0`);
    }
    if (filter.flag != null) {
      params.push(JSON.stringify([{ id: filter.flag }]));
      where.push(`flags @> $${params.length}::jsonb`);
    }
    const condition = where.join(' AND ');
    const counted = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM ranking_snapshot_rows WHERE ${condition}`,
      params,
    )) as { n: number }[];
    const totalCount = counted[0]?.n ?? 0;
    let stored: FrozenRow[];
    if (page.fromEnd) {
      stored = (
        (await this.dataSource.query(
          `SELECT ${FROZEN_ROW_COLUMNS} FROM ranking_snapshot_rows WHERE ${condition}
            ORDER BY position DESC LIMIT ${page.limit}`,
          params,
        )) as FrozenRow[]
      ).reverse();
    } else {
      let from = '';
      if (page.after !== null) {
        const notHere = badInput(
          'input.after',
          'the cursor names an organization not in this list',
          { key: 'common.badCursor' },
        );
        if (!isUuid(page.after)) throw notHere;
        const found = (await this.dataSource.query(
          `SELECT position FROM ranking_snapshot_rows
            WHERE ${condition} AND organization_id = $${params.length + 1}`,
          [...params, page.after],
        )) as { position: number }[];
        if (found[0] === undefined) throw notHere;
        from = ` AND position > ${found[0].position}`;
      }
      stored = (await this.dataSource.query(
        `SELECT ${FROZEN_ROW_COLUMNS} FROM ranking_snapshot_rows WHERE ${condition}${from}
          ORDER BY position LIMIT ${page.limit + 1}`,
        params,
      )) as FrozenRow[];
    }
    return { rows: stored.map(frozenRankingRow), totalCount };
  }

  /** Every row of a frozen ranking in rank order, read through a cursor. */
  rows(snapshotId: string, batch = READ_BATCH): AsyncGenerator<RankingRow> {
    return plannedRankingRows(this.dataSource, this.plan(snapshotId, batch));
  }

  /** A frozen ranking's rows as plain data a thread of its own can read (`plannedRankingRows`). */
  plan(snapshotId: string, batch = READ_BATCH): RankingRowsPlan {
    return { kind: 'frozen', snapshotId, batch };
  }

  /** Ranked organizations' ranks (immutable, so cached by snapshot). */
  async ranks(snapshotId: string): Promise<ReadonlyMap<string, number>> {
    const known = this.rankCache.get(snapshotId);
    if (known) return known;
    const rows = (await this.dataSource.query(
      `SELECT organization_id AS id, rank FROM ranking_snapshot_rows
        WHERE snapshot_id = $1 AND rank IS NOT NULL`,
      [snapshotId],
    )) as { id: string; rank: number }[];
    const ranks = new Map<string, number>();
    for (const row of rows) ranks.set(row.id, row.rank);
    this.rankCache.set(snapshotId, ranks);
    return ranks;
  }

  /**
   * Each organization's place, name and input digest, in organization id order (the order of
   * `CurrentInputsReader`), in batches.
   */
  digests(snapshotId: string, batch = READ_BATCH * 5): AsyncGenerator<FrozenDigest[]> {
    return cursorBatches(
      this.dataSource,
      `SELECT position, organization_id, organization_name, input_digest
         FROM ranking_snapshot_rows
        WHERE snapshot_id = $1 ORDER BY organization_id`,
      [snapshotId],
      batch,
    );
  }

  /** The frozen inputs of some of a snapshot's organizations, in rank order. */
  async inputs(snapshotId: string, organizationIds: readonly string[]): Promise<InputRef[]> {
    const rows = (await this.dataSource.query(
      `SELECT input FROM ranking_snapshot_rows
        WHERE snapshot_id = $1 AND organization_id = ANY($2::uuid[])
        ORDER BY position`,
      [snapshotId, organizationIds],
    )) as { input: InputRef }[];
    return rows.map((row) => row.input);
  }
}
