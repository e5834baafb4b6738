import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { type Actor, escapeLike, inScope } from '../../common/actor';
import { badInput, conflict, forbidden, notFound } from '../../common/domain-error';
import { newestFirstPage } from '../../common/newest-first-page';
import type { Connection, Page } from '../../common/pagination';
import { isUuid } from '../../common/uuid';
import { AuditService } from '../audit';
import { RankingFreezeService } from './ranking-freeze.service';
import {
  RankingSnapshotEntity,
  type RankingSnapshotRow,
  SnapshotStatus,
} from './ranking-snapshot.entity';
import type { RankingScope } from './ranking.service';
import { SnapshotStaleness, type Staleness } from './snapshot-staleness';
import { Role } from '../../common/permissions';

export type { Staleness } from './snapshot-staleness';

/** Freezing, publishing and reading ranking snapshots. */
@Injectable()
export class RankingSnapshotsService {
  constructor(
    @InjectRepository(RankingSnapshotEntity)
    private readonly snapshots: Repository<RankingSnapshotEntity>,
    private readonly freezes: RankingFreezeService,
    private readonly staleness: SnapshotStaleness,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Freezes the ranking as it stands: the model version, every organization's inputs (by
   * reference to immutable versions) and the result rows, by the background freeze, waiting
   * for it. A population with nobody to rank is refused and nothing is stored; so is one whose
   * inputs (and last year's ranks) are those of the latest snapshot of the same population and
   * model, which would only be a copy of it.
   */
  freeze(
    actor: Actor,
    input: RankingScope & { title?: string | null },
  ): Promise<RankingSnapshotRow> {
    return this.freezes.freeze(actor, input);
  }

  /**
   * Deletes a snapshot that was never published (a mistaken freeze), with its rows; a
   * published one is refused: it has been circulated and stays as it was.
   */
  async delete(actor: Actor, snapshotId: string): Promise<RankingSnapshotRow> {
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
  async publish(actor: Actor, snapshotId: string): Promise<RankingSnapshotRow> {
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
  async get(actor: Actor, snapshotId: string): Promise<RankingSnapshotRow> {
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
  ): Promise<Connection<RankingSnapshotRow>> {
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
    return newestFirstPage(qb, page);
  }

  /**
   * Whether the data has changed since the snapshot was frozen: the hash of the population's
   * current inputs against the frozen one; the reason names what changed.
   */
  stale(snapshot: RankingSnapshotRow): Promise<Staleness> {
    return this.staleness.stale(snapshot);
  }
}
