import type { AnnualReport } from '@gongkai/report-model';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobsService } from '../../jobs/jobs.service';
import { peerKeysOfSections, peerKeysText } from './peer-keys';
import { insertPeerKeys, versionsWithoutKeys } from './peer-keys.store';

export const PEER_KEYS_BACKFILL_JOB = 'peer-keys-backfill';
const BACKFILL_BATCH = 500;

/**
 * Keeps `version_peer_keys` complete for the versions stored before it (every path writes a new
 * version's keys in its own transaction): sent at start while a version has none, the pg-boss job
 * keys 500 versions per transaction, in order of id, and sends itself again for the next 500
 * until none is left. Without the job queue (the command line) it is not registered.
 */
@Injectable()
export class PeerKeysBackfill implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('PeerKeys');

  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly jobs?: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs?.register({
      name: PEER_KEYS_BACKFILL_JOB,
      policy: 'stately',
      handler: async (data) => {
        const after = typeof data.after === 'string' ? data.after : null;
        const last = await this.backfill(BACKFILL_BATCH, after);
        if (last !== null) await this.jobs?.send(PEER_KEYS_BACKFILL_JOB, { after: last });
        else await this.finished();
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.jobs?.running) return;
    if ((await versionsWithoutKeys(this.dataSource.manager, 1, null)).length > 0)
      await this.jobs.send(PEER_KEYS_BACKFILL_JOB, {});
  }

  /**
   * Writes the keys of up to `limit` versions without them after `after` (by id), in one
   * transaction; returns the last version looked at when there may be more, else null.
   */
  async backfill(
    limit: number,
    after: string | null = null,
    counted?: { n: number },
  ): Promise<string | null> {
    return this.dataSource.transaction(async (manager) => {
      const ids = await versionsWithoutKeys(manager, limit, after);
      if (counted) counted.n += ids.length;
      if (ids.length === 0) return null;
      const rows = (await manager.query(
        `SELECT v.id, v.submission_id, (v.report ->> 'year')::int AS year,
                v.report -> 'sections' AS sections
           FROM submission_versions v WHERE v.id = ANY($1::uuid[])`,
        [ids],
      )) as {
        id: string;
        submission_id: string;
        year: number;
        sections: AnnualReport['sections'] | null;
      }[];
      await insertPeerKeys(
        manager,
        rows.map((r) => ({
          versionId: r.id,
          submissionId: r.submission_id,
          keys: peerKeysText(peerKeysOfSections(r.sections, r.year)),
        })),
      );
      return ids.length === limit ? ids[ids.length - 1]! : null;
    });
  }

  /**
   * Moves the keys the backfill inserted from the GIN index's pending list into the index proper:
   * a query reads the whole pending list (the last few megabytes of inserts) each time.
   */
  private async finished(): Promise<void> {
    await this.dataSource.query(`SELECT gin_clean_pending_list('ix_version_peer_keys_band_keys')`);
    this.logger.log('every version has its peer keys');
  }

  /** Writes every missing key now (tests, tools); returns how many versions were keyed. */
  async backfillAll(): Promise<number> {
    const counted = { n: 0 };
    let after: string | null = null;
    do after = await this.backfill(BACKFILL_BATCH, after, counted);
    while (after !== null);
    await this.finished();
    return counted.n;
  }
}
