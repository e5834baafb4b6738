import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { LruCache } from '../../common/lru-cache';
import { badInput, conflict } from '../../common/domain-error';
import { isUuid } from '../../common/uuid';
import { cursorBatches } from '../../database/cursor';
import type { CurrentInput } from './current-inputs.reader';
import { InputsHasher, type InputRef } from './input-ref';
import type { RankingRow, RowFlag } from './ranking-row';
import type { DisplayFilter } from './ranking.service';

/** One organization of a frozen ranking as the staleness check reads it. */
export type FrozenDigest = {
  readonly position: number;
  readonly organization_id: string;
  readonly organization_name: string;
  readonly input_digest: string;
};

/** Lines per INSERT when freezing (one JSON parameter of ~1.5 MB). */
const WRITE_BATCH = 2000;
/** Rows per FETCH when a frozen ranking is read whole (the export). */
export const READ_BATCH = 2000;
/** Last year's ranks kept in memory, and how many organizations in all. */
const MAX_CACHED_RANKS = 8;
const MAX_CACHED_RANKED = 300_000;

type StoredRow = {
  organization_id: string;
  organization_name: string;
  region_name: string | null;
  peer_group: string;
  department_type: string | null;
  rank: number | null;
  tied: boolean;
  score: number | null;
  points: (number | null)[];
  flags: RowFlag[];
  status: string | null;
  first_submitted_at: string | null;
  previous_rank: number | null;
  rank_change: number | null;
};

const ROW_COLUMNS = `organization_id, organization_name, region_name, peer_group, department_type,
  rank, tied, score, points, flags, status, first_submitted_at, previous_rank, rank_change`;

function toRow(stored: StoredRow): RankingRow {
  return {
    organizationId: stored.organization_id,
    organizationName: stored.organization_name,
    regionName: stored.region_name,
    peerGroup: stored.peer_group,
    departmentType: stored.department_type,
    rank: stored.rank,
    tied: stored.tied,
    score: stored.score,
    points: stored.points,
    flags: stored.flags,
    status: stored.status,
    firstSubmittedAt: stored.first_submitted_at,
    previousRank: stored.previous_rank,
    rankChange: stored.rank_change,
  };
}

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

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Creates the transaction's table of the inputs to freeze (`freeze_inputs`, dropped at
   * commit) and fills it batch by batch; returns their `inputsHash` (the batches come in
   * organization id order) and how many there are.
   */
  async stageInputs(
    manager: EntityManager,
    inputs: AsyncIterable<readonly CurrentInput[]>,
  ): Promise<{ hash: string; count: number }> {
    await manager.query(
      `CREATE TEMP TABLE freeze_inputs (organization_id uuid PRIMARY KEY, version_id uuid,
         input_digest text NOT NULL, input jsonb NOT NULL) ON COMMIT DROP`,
    );
    const hasher = new InputsHasher();
    for await (const batch of inputs) {
      for (const { ref, digest } of batch) hasher.add(ref.organizationId, digest);
      await manager.query(
        `INSERT INTO freeze_inputs (organization_id, version_id, input_digest, input)
         SELECT r.* FROM jsonb_to_recordset($1::jsonb)
           AS r(organization_id uuid, version_id uuid, input_digest text, input jsonb)`,
        [
          JSON.stringify(
            batch.map(({ ref, digest }) => ({
              organization_id: ref.organizationId,
              version_id: ref.versionId,
              input_digest: digest,
              input: ref,
            })),
          ),
        ],
      );
    }
    return { hash: hasher.digest(), count: hasher.count };
  }

  /**
   * Writes a snapshot's rows in rank order, in batches, inside the caller's transaction, each
   * with its inputs from `freeze_inputs` (`stageInputs`); `onBatch` is told how many rows are
   * written after each batch. A row whose organization has no staged inputs (the data changed
   * between reading the ranking and its inputs) fails the freeze.
   */
  async write(
    manager: EntityManager,
    snapshotId: string,
    rows: AsyncIterable<RankingRow>,
    onBatch?: (written: number) => Promise<void>,
    batchSize = WRITE_BATCH,
  ): Promise<number> {
    let position = 0;
    let batch: unknown[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const inserted = (await manager.query(
        `WITH written AS (
           INSERT INTO ranking_snapshot_rows (snapshot_id, position, organization_id,
             organization_name, region_name, peer_group, department_type, rank, tied, score,
             points, flags, status, first_submitted_at, previous_rank, rank_change, version_id,
             input_digest, input)
           SELECT $1, r.*, i.version_id, i.input_digest, i.input
             FROM jsonb_to_recordset($2::jsonb) AS r(position int,
               organization_id uuid, organization_name text, region_name text, peer_group text,
               department_type text, rank int, tied boolean, score double precision,
               points jsonb, flags jsonb, status text, first_submitted_at text,
               previous_rank int, rank_change int)
             JOIN freeze_inputs i ON i.organization_id = r.organization_id
           RETURNING 1)
         SELECT count(*)::int AS n FROM written`,
        [snapshotId, JSON.stringify(batch)],
      )) as { n: number }[];
      if ((inserted[0]?.n ?? 0) !== batch.length)
        throw conflict('the data changed while the ranking was being frozen; freeze again', {
          key: 'snapshot.changedWhileFreezing',
        });
      batch = [];
      await onBatch?.(position);
    };
    for await (const row of rows) {
      batch.push({
        position,
        organization_id: row.organizationId,
        organization_name: row.organizationName,
        region_name: row.regionName,
        peer_group: row.peerGroup,
        department_type: row.departmentType,
        rank: row.rank,
        tied: row.tied,
        score: row.score,
        points: row.points,
        flags: row.flags,
        status: row.status,
        first_submitted_at: row.firstSubmittedAt,
        previous_rank: row.previousRank,
        rank_change: row.rankChange,
      });
      position += 1;
      if (batch.length === batchSize) await flush();
    }
    await flush();
    return position;
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
    let stored: StoredRow[];
    if (page.fromEnd) {
      stored = (
        (await this.dataSource.query(
          `SELECT ${ROW_COLUMNS} FROM ranking_snapshot_rows WHERE ${condition}
            ORDER BY position DESC LIMIT ${page.limit}`,
          params,
        )) as StoredRow[]
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
        `SELECT ${ROW_COLUMNS} FROM ranking_snapshot_rows WHERE ${condition}${from}
          ORDER BY position LIMIT ${page.limit + 1}`,
        params,
      )) as StoredRow[];
    }
    return { rows: stored.map(toRow), totalCount };
  }

  /** Every row of a frozen ranking in rank order, read through a cursor. */
  async *rows(snapshotId: string, batch = READ_BATCH): AsyncGenerator<RankingRow> {
    const sql = `SELECT ${ROW_COLUMNS} FROM ranking_snapshot_rows
                  WHERE snapshot_id = $1 ORDER BY position`;
    for await (const stored of cursorBatches<StoredRow>(this.dataSource, sql, [snapshotId], batch))
      for (const row of stored) yield toRow(row);
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
