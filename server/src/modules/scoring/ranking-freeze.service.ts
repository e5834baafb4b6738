import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { badInput, conflict, DomainError } from '../../common/domain-error';
import { isUuid } from '../../common/uuid';
import { AuditService } from '../audit';
import { JobsService } from '../../jobs/jobs.service';
import { CurrentInputsReader } from './current-inputs.reader';
import { refuseCopy } from './freeze-copy-check';
import { FrozenRowsStore, type FrozenPoints } from './frozen-rows.store';
import { InputRefsStore } from './input-refs.store';
import { ResultPointsStore } from './result-points.store';
import { RankingSnapshotEntity, SnapshotStatus } from './ranking-snapshot.entity';
import {
  errorOf,
  failureOf,
  FREEZE_TASK_COLUMNS,
  FreezeStatus,
  toFreezeTask,
  type FreezeTask,
  type FreezeTaskRow,
} from './ranking-freeze.task';
import { RankingService, type RankingScope } from './ranking.service';
import { RankingRowsReader } from './ranking-rows.reader';
import { readAhead, refuseEmpty, rowsToFreeze, whereOf, type RowsToFreeze } from './rows-to-freeze';
import { ScoringModelsService } from './scoring-models.service';

export const FREEZE_JOB = 'ranking-freeze';

/** How often a caller waiting for a freeze run by another process looks at its task. */
const WAIT_POLL_MS = 100;
/** A running freeze without progress for this long was left by a stopped process. */
const ABANDONED_MINUTES = 10;

/**
 * Freezing a ranking as a background job. `start` checks the request, records a task (at most
 * one running per population: a second request gets the running one), sends the job
 * `ranking-freeze` in the same transaction and starts it in this process at once (whoever takes
 * the task's lock first works it; the job is there for a process that stops: pg-boss retries it,
 * and without the job queue a restarted process runs what was left running); the job stages
 * the population's current inputs in a temporary table (built in PostgreSQL), refuses a copy of
 * the latest snapshot, stages the members' points (computed by `@gongkai/scoring` from the
 * stored result) in batches, and writes the snapshot's rows with one statement from the stored
 * result — all in one transaction, so a failed freeze leaves nothing but its task, marked FAILED
 * with the reason. Progress (rows whose points are staged, of the total) is written to the task
 * beside that transaction, where the page reads it.
 */
@Injectable()
export class RankingFreezeService
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('RankingFreeze');
  private readonly local = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly ranking: RankingService,
    private readonly rows: RankingRowsReader,
    private readonly models: ScoringModelsService,
    private readonly reader: CurrentInputsReader,
    private readonly frozen: FrozenRowsStore,
    private readonly refs: InputRefsStore,
    private readonly keptPoints: ResultPointsStore,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: FREEZE_JOB,
      handler: (data) => this.run(String(data.taskId ?? '')),
      retryLimit: 2,
      retryDelay: 10,
    });
  }

  /** Without the job queue, freezes left running by a stopped process are run again here. */
  onApplicationBootstrap(): void {
    if (this.jobs.running) return;
    setImmediate(() => {
      void this.dataSource
        .query(`SELECT id FROM ranking_freeze_tasks WHERE status = 'RUNNING'`)
        .then((rows: { id: string }[]) => rows.forEach((row) => this.kick(row.id)))
        .catch((error: unknown) => this.logger.error(`resume failed: ${String(error)}`));
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.local.values()]);
  }

  /**
   * Starts freezing a population (or joins the freeze of it already running); returns the task
   * at once. A failed freeze of the same population is replaced.
   */
  async start(
    actor: Actor,
    input: RankingScope & { title?: string | null },
  ): Promise<{ task: FreezeTask; created: boolean }> {
    const title = input.title?.trim() || null;
    if (title !== null && title.length > 200)
      throw badInput('input.title', 'at most 200 characters', {
        key: 'snapshot.titleTooLong',
        params: { max: 200, length: title.length },
      });
    const { round, region } = await this.ranking.resolveScope(actor, input);
    const model = await this.models.resolve(input.modelId);
    const peerGroup = input.peerGroup ?? null;
    const key = [round.id, region.id, peerGroup, model.id];
    const started = await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `DELETE FROM ranking_freeze_tasks WHERE round_id = $1 AND region_id = $2
            AND peer_group IS NOT DISTINCT FROM $3 AND scoring_model_id = $4
            AND status = 'FAILED'`,
        key,
      );
      // a freeze whose process stopped long ago (no progress since) gives way
      await manager.query(
        `UPDATE ranking_freeze_tasks SET status = 'FAILED', failure = $5, finished_at = now(),
                updated_at = now()
          WHERE round_id = $1 AND region_id = $2 AND peer_group IS NOT DISTINCT FROM $3
            AND scoring_model_id = $4 AND status = 'RUNNING'
            AND updated_at < now() - interval '${ABANDONED_MINUTES} minutes'`,
        [...key, JSON.stringify(failureOf(null))],
      );
      const inserted = (await manager.query(
        `INSERT INTO ranking_freeze_tasks (round_id, region_id, region_path, peer_group,
           scoring_model_id, title, actor, created_by_id)
         VALUES ($1, $2, $5, $3, $4, $6, $7, $8)
         ON CONFLICT (round_id, region_id, (COALESCE(peer_group, '')), scoring_model_id)
           WHERE status = 'RUNNING' DO NOTHING
         RETURNING id`,
        [...key, region.path, title, JSON.stringify(actor), actor.userId],
      )) as { id: string }[];
      const id = inserted[0]?.id;
      if (id === undefined) {
        const running = (await manager.query(
          `SELECT id FROM ranking_freeze_tasks WHERE round_id = $1 AND region_id = $2
              AND peer_group IS NOT DISTINCT FROM $3 AND scoring_model_id = $4
              AND status = 'RUNNING'`,
          key,
        )) as { id: string }[];
        return { id: running[0]?.id ?? null, created: false };
      }
      if (this.jobs.running) await this.jobs.sendInTransaction(manager, FREEZE_JOB, { taskId: id });
      return { id, created: true };
    });
    // a running freeze that ended between the insert and the read: start again
    if (started.id === null) return this.start(actor, input);
    // started here at once; the job is there for when this process stops before it is done
    if (started.created) this.kick(started.id);
    const task = await this.task(started.id);
    if (!task) throw new Error(`freeze task ${started.id} vanished`);
    return { task, created: started.created };
  }

  /**
   * Freezes and waits for the snapshot (the `freezeRanking` mutation, the demo seed): the
   * freeze's failure is thrown as it was raised, and its task is removed.
   */
  async freeze(
    actor: Actor,
    input: RankingScope & { title?: string | null },
  ): Promise<RankingSnapshotEntity> {
    const { task, created } = await this.start(actor, input);
    const done = await this.settled(task.id);
    if (done.status === FreezeStatus.DONE && done.snapshotId !== null) {
      const snapshot = await this.dataSource.manager.findOne(RankingSnapshotEntity, {
        where: { id: done.snapshotId },
      });
      if (snapshot) return snapshot;
    }
    if (created)
      await this.dataSource.query(
        `DELETE FROM ranking_freeze_tasks WHERE id = $1 AND status = 'FAILED'`,
        [task.id],
      );
    throw errorOf(done.failure);
  }

  /** The task once it is no longer running. */
  async settled(taskId: string): Promise<FreezeTask> {
    for (;;) {
      await this.local.get(taskId);
      const task = await this.task(taskId);
      if (!task) throw new Error(`freeze task ${taskId} vanished`);
      if (task.status !== FreezeStatus.RUNNING) return task;
      await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
    }
  }

  async task(taskId: string): Promise<FreezeTask | null> {
    if (!isUuid(taskId)) return null;
    const rows = (await this.dataSource.query(
      `SELECT ${FREEZE_TASK_COLUMNS} FROM ranking_freeze_tasks t
         JOIN organization_directory o ON o.id = t.region_id WHERE t.id = $1`,
      [taskId],
    )) as FreezeTaskRow[];
    return rows[0] ? toFreezeTask(rows[0]) : null;
  }

  private kick(taskId: string): void {
    if (this.local.has(taskId) || this.stopping) return;
    const work = this.run(taskId).finally(() => this.local.delete(taskId));
    this.local.set(taskId, work);
  }

  /** The job: freezes the task's population unless another worker already is. */
  async run(taskId: string): Promise<void> {
    const task = await this.task(taskId);
    if (!task || task.status !== FreezeStatus.RUNNING) return;
    try {
      await this.dataSource.transaction(async (manager) => {
        const locked = (await manager.query(
          'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
          [`ranking-freeze-task:${taskId}`],
        )) as { locked: boolean }[];
        if (!locked[0]?.locked) return;
        const now = (await manager.query(
          'SELECT status::text AS status FROM ranking_freeze_tasks WHERE id = $1',
          [taskId],
        )) as { status: string }[];
        if (now[0]?.status !== FreezeStatus.RUNNING) return;
        await this.freezeIn(manager, task);
      });
    } catch (error) {
      if (!(error instanceof DomainError))
        this.logger.error(`freeze ${taskId}: ${error instanceof Error ? error.stack : error}`);
      await this.dataSource.query(
        `UPDATE ranking_freeze_tasks SET status = 'FAILED', failure = $2, finished_at = now(),
                updated_at = now()
          WHERE id = $1 AND status = 'RUNNING'`,
        [taskId, JSON.stringify(failureOf(error))],
      );
    }
  }

  private async progress(taskId: string, written: number, total: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE ranking_freeze_tasks SET written = $2, total = $3, updated_at = now()
        WHERE id = $1 AND status = 'RUNNING'`,
      [taskId, written, total],
    );
  }

  private async freezeIn(manager: EntityManager, task: FreezeTask): Promise<void> {
    const actor = task.actor;
    const peerGroup = task.peerGroup;
    const source = await rowsToFreeze(this.dataSource, this.rows, actor, {
      roundId: task.roundId,
      regionId: task.regionId,
      peerGroup,
      modelId: task.scoringModelId,
    });
    refuseEmpty(source, peerGroup);
    await this.progress(task.id, 0, source.count);
    // the points kept for the result are written as they are; else they are computed in this
    // process while PostgreSQL stages the inputs
    if (await this.keptPoints.kept(manager, source.resultId)) {
      await this.stageAndWrite(manager, task, source, null);
      return;
    }
    const points = readAhead(source.points);
    try {
      await this.stageAndWrite(manager, task, source, points.rows);
    } finally {
      await points.stop();
    }
  }

  /**
   * Stages the inputs, refuses a copy, writes the snapshot and its rows, and audits it (the
   * rest of `freezeIn`, with the members' points read ahead).
   */
  private async stageAndWrite(
    manager: EntityManager,
    task: FreezeTask,
    source: RowsToFreeze,
    points: AsyncIterable<FrozenPoints> | null,
  ): Promise<void> {
    const actor = task.actor;
    const peerGroup = task.peerGroup;
    const where = whereOf(source.region.name, peerGroup);
    const population = { roundId: source.round.id, regionPath: source.region.path, peerGroup };
    // the counters before the inputs are read: the staleness of this snapshot is then a lookup
    const counters = await this.reader.counters(population);
    const from = {
      resultId: source.resultId,
      population: source.population,
      regionPattern: source.regionPattern,
      peerGroup,
      previousSnapshotId: source.previousSnapshotId,
      withFlags: this.rows.hasFlags,
    };
    // the round's inputs kept under these counters are those read now, without building them
    const kept =
      counters !== null &&
      (await this.refs.holdCurrent(manager, population.roundId, counters.stamps));
    const staged = await this.frozen.stageInputs(
      manager,
      population,
      from,
      kept ? counters.stamps : null,
    );
    if (counters) await this.reader.keep(manager, population, counters.stamps, staged);
    if (staged.count !== source.count)
      throw conflict('the data changed while the ranking was being frozen; freeze again', {
        key: 'snapshot.changedWhileFreezing',
      });
    await refuseCopy(manager, {
      roundId: source.round.id,
      regionId: source.region.id,
      peerGroup,
      scoringModelId: source.model.id,
      inputsHash: staged.hash,
      previousSnapshotId: source.previousSnapshotId,
    });
    const title = task.title ?? `${source.round.year}年度 ${where} 排名`;
    const snapshot = await manager.save(
      manager.create(RankingSnapshotEntity, {
        roundId: source.round.id,
        regionId: source.region.id,
        regionPath: source.region.path,
        peerGroup,
        scoringModelId: source.model.id,
        title,
        status: SnapshotStatus.FROZEN,
        asOf: source.asOf,
        inputsHash: staged.hash,
        previousSnapshotId: source.previousSnapshotId,
        entryCount: source.count,
        rankedCount: source.rankedCount,
        frozenById: actor.userId,
        publishedAt: null,
        publishedById: null,
      }),
    );
    const written = await this.frozen.write(
      manager,
      { ...from, snapshotId: snapshot.id },
      points,
      (n) => this.progress(task.id, n, source.count),
    );
    if (written !== source.count)
      throw conflict('the data changed while the ranking was being frozen; freeze again', {
        key: 'snapshot.changedWhileFreezing',
      });
    await this.audit.record(manager, actor, {
      organizationId: source.region.id,
      roundId: source.round.id,
      action: 'ranking.freeze',
      toStatus: SnapshotStatus.FROZEN,
      data: { snapshotId: snapshot.id, title, peerGroup, entryCount: source.count },
    });
    await manager.query(
      `UPDATE ranking_freeze_tasks SET status = 'DONE', snapshot_id = $2, written = total,
              finished_at = now(), updated_at = now() WHERE id = $1`,
      [task.id, snapshot.id],
    );
  }
}
