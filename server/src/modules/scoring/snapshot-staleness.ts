import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CurrentInputsReader,
  type CurrentInput,
  type InputsPopulation,
} from './current-inputs.reader';
import { FrozenRowsStore, type FrozenDigest } from './frozen-rows.store';
import { describeChanges, diffRefs, type InputRef } from './input-ref';
import type { RankingSnapshotEntity } from './ranking-snapshot.entity';

/** Organizations a staleness message names (the rest are counted). */
const CHANGES_NAMED = 5;
/** Results kept, by snapshot × current hash × last year's snapshot. */
const MAX_KNOWN = 256;

export type Staleness = { readonly stale: boolean; readonly staleReason: string | null };

/** The items of batches, one at a time. */
async function* each<T>(batches: AsyncIterable<readonly T[]>): AsyncGenerator<T> {
  for await (const batch of batches) yield* batch;
}

/** Keeps the `limit` entries of smallest `position` (a snapshot's rank order). */
function keepFirst<T extends { position: number }>(kept: T[], entry: T, limit: number): void {
  if (kept.length === limit && (kept[limit - 1] as T).position <= entry.position) return;
  kept.push(entry);
  kept.sort((a, b) => a.position - b.position);
  if (kept.length > limit) kept.pop();
}

/**
 * Whether the data has changed since a snapshot was frozen, and what: the population's current
 * inputs (`CurrentInputsReader`, read from PostgreSQL) hashed as the freeze hashed them, against
 * the stored hash; when they differ, the current digests and the frozen ones, both in
 * organization id order, are merged as they stream in, and the first organizations in rank order
 * that changed are compared field by field. Memory stays bounded whatever the population.
 */
@Injectable()
export class SnapshotStaleness {
  private readonly known = new Map<string, Staleness>();
  private readonly running = new Map<string, Promise<Staleness>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: CurrentInputsReader,
    private readonly frozen: FrozenRowsStore,
  ) {}

  /** One check per snapshot at a time (`stale` and `staleReason` of one request share it). */
  stale(snapshot: RankingSnapshotEntity): Promise<Staleness> {
    const running = this.running.get(snapshot.id);
    if (running) return running;
    const check = this.check(snapshot).finally(() => this.running.delete(snapshot.id));
    this.running.set(snapshot.id, check);
    return check;
  }

  private async check(snapshot: RankingSnapshotEntity): Promise<Staleness> {
    const population: InputsPopulation = {
      roundId: snapshot.roundId,
      regionPath: snapshot.regionPath,
      peerGroup: snapshot.peerGroup,
    };
    const [current, previousSnapshotId] = await Promise.all([
      this.reader.hash(population),
      this.previousSnapshotId(snapshot),
    ]);
    const key = `${snapshot.id}|${current.hash}|${previousSnapshotId ?? ''}`;
    const known = this.known.get(key);
    if (known) return known;
    const reasons: string[] = [];
    if (current.hash !== snapshot.inputsHash)
      reasons.push((await this.inputChanges(snapshot.id, population)) ?? '冻结后数据已变化');
    if (previousSnapshotId !== snapshot.previousSnapshotId)
      reasons.push('上年排名快照已更新，名次变化依据不同');
    const result: Staleness =
      reasons.length > 0
        ? { stale: true, staleReason: reasons.join('；') }
        : { stale: false, staleReason: null };
    if (this.known.size >= MAX_KNOWN) this.known.clear();
    this.known.set(key, result);
    return result;
  }

  /** The previous round's latest published snapshot of the same population, as now. */
  private async previousSnapshotId(snapshot: RankingSnapshotEntity): Promise<string | null> {
    const found = (await this.dataSource.query(
      `SELECT s.id FROM round_directory r
         JOIN round_directory pr ON pr.scope_organization_id = r.scope_organization_id
                       AND pr.year = r.year - 1
         JOIN ranking_snapshots s ON s.round_id = pr.id
        WHERE r.id = $1 AND s.region_id = $2 AND s.peer_group IS NOT DISTINCT FROM $3
          AND s.status = 'PUBLISHED'
        ORDER BY s.published_at DESC, s.id LIMIT 1`,
      [snapshot.roundId, snapshot.regionId, snapshot.peerGroup],
    )) as { id: string }[];
    return found[0]?.id ?? null;
  }

  /**
   * What changed between a snapshot's frozen inputs and the population's current ones: both
   * streams in organization id order, merged; the inputs are read and compared field by field
   * only for the organizations the message names (the first in rank order).
   */
  private async inputChanges(
    snapshotId: string,
    population: InputsPopulation,
  ): Promise<string | null> {
    const changed: { position: number; id: string }[] = [];
    const removed: { position: number; name: string }[] = [];
    const added: string[] = [];
    let changedCount = 0;
    let addedCount = 0;
    let removedCount = 0;
    const current = each<CurrentInput>(this.reader.batches(population))[Symbol.asyncIterator]();
    const frozen = each<FrozenDigest>(this.frozen.digests(snapshotId))[Symbol.asyncIterator]();
    let now = await current.next();
    let then = await frozen.next();
    while (!now.done || !then.done) {
      const a = now.done ? null : now.value;
      const b = then.done ? null : then.value;
      const aId = a?.ref.organizationId;
      const bId = b?.organization_id;
      if (a && (!b || (aId as string) < (bId as string))) {
        addedCount += 1;
        if (added.length < CHANGES_NAMED) added.push(a.ref.organizationName);
        now = await current.next();
      } else if (b && (!a || (bId as string) < (aId as string))) {
        removedCount += 1;
        keepFirst(removed, { position: b.position, name: b.organization_name }, CHANGES_NAMED);
        then = await frozen.next();
      } else if (a && b) {
        if (a.digest !== b.input_digest) {
          changedCount += 1;
          keepFirst(changed, { position: b.position, id: b.organization_id }, CHANGES_NAMED);
        }
        now = await current.next();
        then = await frozen.next();
      }
    }
    const ids = changed.map((c) => c.id);
    const [before, after] = await Promise.all([
      this.frozen.inputs(snapshotId, ids),
      this.reader.inputs(population, ids),
    ]);
    const details = diffRefs(
      before,
      ids.map((id) => after.get(id)).filter((ref): ref is InputRef => ref !== undefined),
    );
    return describeChanges(
      {
        changed: details.changed,
        changedCount,
        added,
        addedCount,
        removed: removed.map((r) => r.name),
        removedCount,
      },
      CHANGES_NAMED,
    );
  }
}
