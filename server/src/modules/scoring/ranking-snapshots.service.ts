import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { type Actor, escapeLike, inScope } from '../../common/actor';
import { badInput, conflict, forbidden, notFound } from '../../common/domain-error';
import { type Connection, type Page, toConnection } from '../../common/pagination';
import { isUuid } from '../../common/uuid';
import { FrozenRowsStore, type FrozenLine } from './frozen-rows.store';
import { describeChanges, diffRefs, inputsHash } from './input-ref';
import { RankingSnapshotEntity, SnapshotStatus } from './ranking-snapshot.entity';
import { RankingService, type RankingScope } from './ranking.service';
import type { RefTable } from './ref-table';
import { Role } from '../../common/permissions';

/** Organizations a staleness message names (the rest are counted). */
const CHANGES_NAMED = 5;

export type Staleness = { readonly stale: boolean; readonly staleReason: string | null };

/** Freezing, publishing and reading ranking snapshots. */
@Injectable()
export class RankingSnapshotsService {
  private readonly staleness = new Map<string, Staleness>();

  constructor(
    @InjectRepository(RankingSnapshotEntity)
    private readonly snapshots: Repository<RankingSnapshotEntity>,
    private readonly ranking: RankingService,
    private readonly frozen: FrozenRowsStore,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Freezes the ranking as it stands: the model version, every organization's inputs (by
   * reference to immutable versions) and the result rows. A population with nobody to rank is
   * refused and nothing is stored.
   */
  async freeze(
    actor: Actor,
    input: RankingScope & { title?: string | null },
  ): Promise<RankingSnapshotEntity> {
    const live = await this.ranking.live(actor, input);
    const where = `${live.region.name}${input.peerGroup ? `（同类组 ${input.peerGroup}）` : ''}`;
    if (live.entries.length === 0) {
      throw badInput(
        'input.roundId',
        `nothing to freeze: the round has no organizations expected to report under ${where}`,
      );
    }
    const rankedCount = live.entries.rankedCount;
    if (rankedCount === 0) {
      throw badInput(
        'input.roundId',
        `nothing to freeze: no organization under ${where} has a score yet (no report submitted and no deadline passed)`,
      );
    }
    const title = input.title?.trim() || `${live.round.year}年度 ${where} 排名`;
    if (title.length > 200) throw badInput('input.title', 'at most 200 characters');
    const { built, entries } = live;
    const table = built.refs;
    const ranking = this.ranking;
    const hash = inputsHash(
      (function* () {
        for (let q = 0; q < entries.length; q += 1) {
          const row = entries.row(q);
          yield [table.organizationId(row), table.digest(row)] as const;
        }
      })(),
    );
    // Rows are made a batch at a time as they are written, never all at once.
    const lines = function* (): Generator<FrozenLine> {
      for (const entry of entries) {
        yield {
          row: ranking.toRow(built, entry),
          input: table.get(entry.row),
          digest: table.digest(entry.row),
        };
      }
    };
    return this.dataSource.transaction(async (manager) => {
      const snapshot = await manager.save(
        manager.create(RankingSnapshotEntity, {
          roundId: live.round.id,
          regionId: live.region.id,
          regionPath: live.region.path,
          peerGroup: input.peerGroup ?? null,
          scoringModelId: live.model.id,
          title,
          status: SnapshotStatus.FROZEN,
          asOf: new Date(built.asOf),
          inputsHash: hash,
          previousSnapshotId: live.previousSnapshotId,
          entryCount: entries.length,
          rankedCount,
          frozenById: actor.userId,
          publishedAt: null,
          publishedById: null,
        }),
      );
      await this.frozen.write(manager, snapshot.id, lines());
      return snapshot;
    });
  }

  /** Publishes a frozen snapshot; its rows never change afterwards. */
  async publish(actor: Actor, snapshotId: string): Promise<RankingSnapshotEntity> {
    const snapshot = await this.get(actor, snapshotId);
    const result = await this.snapshots
      .createQueryBuilder()
      .update(RankingSnapshotEntity)
      .set({
        status: SnapshotStatus.PUBLISHED,
        publishedAt: () => 'now()',
        publishedById: actor.userId,
      })
      .where('id = :id AND status = :frozen', { id: snapshot.id, frozen: SnapshotStatus.FROZEN })
      .execute();
    if (result.affected !== 1) throw conflict('the snapshot is already published');
    return this.get(actor, snapshot.id);
  }

  /** A snapshot the actor may see (its region inside the actor's area). */
  async get(actor: Actor, snapshotId: string): Promise<RankingSnapshotEntity> {
    const snapshot = isUuid(snapshotId)
      ? await this.snapshots.findOne({ where: { id: snapshotId } })
      : null;
    if (!snapshot) throw notFound('ranking snapshot');
    if (!inScope(actor, { id: snapshot.regionId, path: snapshot.regionPath }))
      throw forbidden('the snapshot ranks a region outside your area');
    return snapshot;
  }

  async list(
    actor: Actor,
    filter: { roundId: string; regionId?: string | null },
    page: Page,
  ): Promise<Connection<RankingSnapshotEntity>> {
    if (!isUuid(filter.roundId)) throw badInput('roundId', 'not a round id');
    const qb = this.snapshots
      .createQueryBuilder('s')
      .where('s.round_id = :roundId', { roundId: filter.roundId });
    if (actor.role !== Role.ADMIN)
      qb.andWhere('s.region_path LIKE :scope', {
        scope: `${escapeLike(actor.organizationPath)}%`,
      });
    if (filter.regionId) {
      if (!isUuid(filter.regionId)) throw badInput('regionId', 'not an organization id');
      qb.andWhere('s.region_id = :regionId', { regionId: filter.regionId });
    }
    const totalCount = await qb.clone().getCount();
    if (page.after)
      qb.andWhere('(s.created_at, s.id) < (:k::timestamptz, :id::uuid)', {
        k: page.after.k,
        id: page.after.id,
      });
    const rows = await qb
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(page.limit + 1)
      .getMany();
    return toConnection(
      rows,
      page,
      (s) => ({ k: s.createdAt.toISOString(), id: s.id }),
      totalCount,
    );
  }

  /**
   * Whether the data has changed since the snapshot was frozen: the hash of the population's
   * current inputs against the frozen one; the reason names what changed.
   */
  async stale(snapshot: RankingSnapshotEntity): Promise<Staleness> {
    const current = await this.ranking.currentInputs(snapshot);
    const key = `${snapshot.id}|${current.hash}|${current.previousSnapshotId ?? ''}`;
    const known = this.staleness.get(key);
    if (known) return known;
    let result: Staleness = { stale: false, staleReason: null };
    const reasons: string[] = [];
    if (current.hash !== snapshot.inputsHash) {
      reasons.push(
        (await this.inputChanges(snapshot.id, current.table, current.members)) ??
          '冻结后数据已变化',
      );
    }
    if (current.previousSnapshotId !== snapshot.previousSnapshotId) {
      reasons.push('上年排名快照已更新，名次变化依据不同');
    }
    if (reasons.length > 0) result = { stale: true, staleReason: reasons.join('；') };
    if (this.staleness.size > 256) this.staleness.clear();
    this.staleness.set(key, result);
    return result;
  }

  /**
   * What changed between a snapshot's frozen inputs and the population's current ones (`table`
   * rows `members`): the frozen digests are read through a cursor and compared; the inputs are
   * read and compared field by field only for the organizations the message names.
   */
  private async inputChanges(
    snapshotId: string,
    table: RefTable,
    members: readonly number[],
  ): Promise<string | null> {
    const current = new Map<string, number>();
    for (const i of members) current.set(table.organizationId(i), i);
    const changed: number[] = [];
    const removed: string[] = [];
    for await (const batch of this.frozen.digests(snapshotId)) {
      for (const frozen of batch) {
        const i = current.get(frozen.organization_id);
        if (i === undefined) {
          removed.push(frozen.organization_name);
          continue;
        }
        current.delete(frozen.organization_id);
        if (table.digest(i) !== frozen.input_digest) changed.push(i);
      }
    }
    const named = changed.slice(0, CHANGES_NAMED);
    const before = await this.frozen.inputs(
      snapshotId,
      named.map((i) => table.organizationId(i)),
    );
    const details = diffRefs(
      before,
      named.map((i) => table.get(i)),
    );
    return describeChanges(
      {
        changed: details.changed,
        changedCount: changed.length,
        added: [...current.values()].map((i) => table.organizationName(i)),
        removed,
      },
      CHANGES_NAMED,
    );
  }
}
