import { formatShanghaiMinute } from '@gongkai/report-model';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import { type Actor, escapeLike, inScope } from '../../common/actor';
import { badInput, conflict, forbidden, notFound } from '../../common/domain-error';
import { type Connection, type Page, toConnection } from '../../common/pagination';
import { isUuid } from '../../common/uuid';
import { AuditService } from '../audit/audit.service';
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
    private readonly audit: AuditService,
  ) {}

  /**
   * Freezes the ranking as it stands: the model version, every organization's inputs (by
   * reference to immutable versions) and the result rows. A population with nobody to rank is
   * refused and nothing is stored; so is one whose inputs (and last year's ranks) are those of
   * the latest snapshot of the same population and model, which would only be a copy of it.
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
        { key: 'snapshot.nothingExpected', params: { where } },
      );
    }
    const rankedCount = live.entries.rankedCount;
    if (rankedCount === 0) {
      throw badInput(
        'input.roundId',
        `nothing to freeze: no organization under ${where} has a score yet (no report submitted and no deadline passed)`,
        { key: 'snapshot.nothingScored', params: { where } },
      );
    }
    const title = input.title?.trim() || `${live.round.year}年度 ${where} 排名`;
    if (title.length > 200)
      throw badInput('input.title', 'at most 200 characters', {
        key: 'snapshot.titleTooLong',
        params: { max: 200, length: title.length },
      });
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
      await this.refuseCopy(manager, {
        roundId: live.round.id,
        regionId: live.region.id,
        peerGroup: input.peerGroup ?? null,
        scoringModelId: live.model.id,
        inputsHash: hash,
        previousSnapshotId: live.previousSnapshotId,
      });
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
      await this.audit.record(manager, actor, {
        organizationId: live.region.id,
        roundId: live.round.id,
        action: 'ranking.freeze',
        toStatus: SnapshotStatus.FROZEN,
        data: {
          snapshotId: snapshot.id,
          title,
          peerGroup: snapshot.peerGroup,
          entryCount: entries.length,
        },
      });
      return snapshot;
    });
  }

  /**
   * Refuses to freeze a copy of the latest snapshot of the same population and model (same
   * inputs, same last-year ranks). Concurrent freezes of one population wait for each other
   * here, so two clicks cannot make two identical snapshots either.
   */
  private async refuseCopy(
    manager: EntityManager,
    key: {
      roundId: string;
      regionId: string;
      peerGroup: string | null;
      scoringModelId: string;
      inputsHash: string;
      previousSnapshotId: string | null;
    },
  ): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `ranking-freeze:${key.roundId}:${key.regionId}:${key.peerGroup ?? ''}:${key.scoringModelId}`,
    ]);
    const latest = (await manager.query(
      `SELECT id, title, created_at, inputs_hash, previous_snapshot_id FROM ranking_snapshots
        WHERE round_id = $1 AND region_id = $2 AND peer_group IS NOT DISTINCT FROM $3
          AND scoring_model_id = $4
        ORDER BY created_at DESC, id DESC LIMIT 1`,
      [key.roundId, key.regionId, key.peerGroup, key.scoringModelId],
    )) as {
      id: string;
      title: string;
      created_at: Date;
      inputs_hash: string;
      previous_snapshot_id: string | null;
    }[];
    const last = latest[0];
    if (
      last &&
      last.inputs_hash === key.inputsHash &&
      last.previous_snapshot_id === key.previousSnapshotId
    ) {
      const date = formatShanghaiMinute(last.created_at);
      throw conflict(`nothing has changed since the snapshot of ${date}; not frozen again`, {
        key: 'ranking.snapshotUnchanged',
        params: { date, title: last.title },
      });
    }
  }

  /**
   * Deletes a snapshot that was never published (a mistaken freeze), with its rows; a
   * published one is refused: it has been circulated and stays as it was.
   */
  async delete(actor: Actor, snapshotId: string): Promise<RankingSnapshotEntity> {
    const snapshot = await this.get(actor, snapshotId);
    return this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .delete()
        .from(RankingSnapshotEntity)
        .where('id = :id AND status = :frozen', {
          id: snapshot.id,
          frozen: SnapshotStatus.FROZEN,
        })
        .execute();
      if (result.affected !== 1)
        throw conflict('a published snapshot cannot be deleted', {
          key: 'ranking.snapshotPublished',
          params: { title: snapshot.title },
        });
      await this.audit.record(manager, actor, {
        organizationId: snapshot.regionId,
        roundId: snapshot.roundId,
        action: 'ranking.deleteSnapshot',
        fromStatus: snapshot.status,
        data: {
          snapshotId: snapshot.id,
          title: snapshot.title,
          peerGroup: snapshot.peerGroup,
          entryCount: snapshot.entryCount,
          frozenAt: snapshot.createdAt.toISOString(),
        },
      });
      return snapshot;
    });
  }

  /** Publishes a frozen snapshot; its rows never change afterwards. */
  async publish(actor: Actor, snapshotId: string): Promise<RankingSnapshotEntity> {
    const snapshot = await this.get(actor, snapshotId);
    await this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(RankingSnapshotEntity)
        .set({
          status: SnapshotStatus.PUBLISHED,
          publishedAt: () => 'now()',
          publishedById: actor.userId,
        })
        .where('id = :id AND status = :frozen', {
          id: snapshot.id,
          frozen: SnapshotStatus.FROZEN,
        })
        .execute();
      if (result.affected !== 1)
        throw conflict('the snapshot is already published', {
          key: 'ranking.snapshotAlreadyPublished',
          params: { title: snapshot.title },
        });
      await this.audit.record(manager, actor, {
        organizationId: snapshot.regionId,
        roundId: snapshot.roundId,
        action: 'ranking.publish',
        fromStatus: SnapshotStatus.FROZEN,
        toStatus: SnapshotStatus.PUBLISHED,
        data: { snapshotId: snapshot.id, title: snapshot.title, entryCount: snapshot.entryCount },
      });
    });
    return this.get(actor, snapshot.id);
  }

  /** A snapshot the actor may see (its region inside the actor's area). */
  async get(actor: Actor, snapshotId: string): Promise<RankingSnapshotEntity> {
    const snapshot = isUuid(snapshotId)
      ? await this.snapshots.findOne({ where: { id: snapshotId } })
      : null;
    if (!snapshot) throw notFound('ranking snapshot', { key: 'ranking.snapshotNotFound' });
    if (!inScope(actor, { id: snapshot.regionId, path: snapshot.regionPath }))
      throw forbidden('the snapshot ranks a region outside your area', {
        key: 'ranking.snapshotOutsideArea',
      });
    return snapshot;
  }

  async list(
    actor: Actor,
    filter: { roundId: string; regionId?: string | null },
    page: Page,
  ): Promise<Connection<RankingSnapshotEntity>> {
    if (!isUuid(filter.roundId))
      throw badInput('roundId', 'not a round id', { key: 'common.notAnId' });
    const qb = this.snapshots
      .createQueryBuilder('s')
      .where('s.round_id = :roundId', { roundId: filter.roundId });
    if (actor.role !== Role.ADMIN)
      qb.andWhere('s.region_path LIKE :scope', {
        scope: `${escapeLike(actor.organizationPath)}%`,
      });
    if (filter.regionId) {
      if (!isUuid(filter.regionId))
        throw badInput('regionId', 'not an organization id', { key: 'common.notAnId' });
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
