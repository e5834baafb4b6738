import { type Actor, escapeLike } from '../../common/actor';
import { DomainError, type DomainErrorCode } from '../../common/domain-error';
import { Role } from '../../common/permissions';

export enum FreezeStatus {
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}

/** Why a freeze failed: the domain error it raised (code, English message, reason key). */
export type FreezeFailure = {
  readonly code: string;
  readonly message: string;
  readonly field: string | null;
  readonly key: string | null;
  readonly params: Readonly<Record<string, string | number>> | null;
};

/** A freeze of a population, as `ranking_freeze_tasks` stores it. */
export type FreezeTask = {
  readonly id: string;
  readonly roundId: string;
  readonly regionId: string;
  readonly regionName: string;
  readonly regionPath: string;
  readonly peerGroup: string | null;
  readonly scoringModelId: string;
  /** Asked for; null: the default title is made when frozen. */
  readonly title: string | null;
  readonly status: FreezeStatus;
  /** Rows to write (known once the ranking has been read), and written so far. */
  readonly total: number | null;
  readonly written: number;
  readonly snapshotId: string | null;
  readonly failure: FreezeFailure | null;
  /** Who asked (the job freezes, and audits, as them). */
  readonly actor: Actor;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly finishedAt: Date | null;
};

export type FreezeTaskRow = {
  id: string;
  round_id: string;
  region_id: string;
  region_name: string;
  region_path: string;
  peer_group: string | null;
  scoring_model_id: string;
  title: string | null;
  status: FreezeStatus;
  total: number | null;
  written: number;
  snapshot_id: string | null;
  failure: FreezeFailure | null;
  actor: Actor;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
};

/** The columns of `FreezeTaskRow` over `ranking_freeze_tasks t` joined to its region `o`. */
export const FREEZE_TASK_COLUMNS = `t.id, t.round_id, t.region_id, o.name AS region_name,
  t.region_path, t.peer_group, t.scoring_model_id, t.title, t.status::text AS status, t.total,
  t.written, t.snapshot_id, t.failure, t.actor, t.created_at, t.updated_at, t.finished_at`;

export function toFreezeTask(row: FreezeTaskRow): FreezeTask {
  return {
    id: row.id,
    roundId: row.round_id,
    regionId: row.region_id,
    regionName: row.region_name,
    regionPath: row.region_path,
    peerGroup: row.peer_group,
    scoringModelId: row.scoring_model_id,
    title: row.title,
    status: row.status,
    total: row.total,
    written: row.written,
    snapshotId: row.snapshot_id,
    failure: row.failure,
    actor: row.actor,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

/** How many freezes a list shows (running ones, failed ones not yet retried, just done). */
export const FREEZE_TASKS_LISTED = 50;
/** How long a finished freeze stays listed (a page watching it learns its snapshot). */
const DONE_LISTED_MINUTES = 5;

/**
 * The running and failed freezes of a round (of one region when given) that the actor may
 * see, and those done in the last minutes, newest first.
 */
export async function listFreezeTasks(
  query: (sql: string, params: unknown[]) => Promise<unknown>,
  actor: Actor,
  filter: { roundId: string; regionId: string | null },
): Promise<FreezeTask[]> {
  const params: unknown[] = [filter.roundId];
  const where = [
    `t.round_id = $1`,
    `(t.status IN ('RUNNING', 'FAILED')
      OR (t.status = 'DONE' AND t.finished_at > now() - interval '${DONE_LISTED_MINUTES} minutes'))`,
  ];
  if (actor.role !== Role.ADMIN) {
    params.push(`${escapeLike(actor.organizationPath)}%`);
    where.push(`t.region_path LIKE $${params.length}`);
  }
  if (filter.regionId !== null) {
    params.push(filter.regionId);
    where.push(`t.region_id = $${params.length}`);
  }
  const rows = (await query(
    `SELECT ${FREEZE_TASK_COLUMNS} FROM ranking_freeze_tasks t
       JOIN organization_directory o ON o.id = t.region_id
      WHERE ${where.join(' AND ')}
      ORDER BY t.created_at DESC, t.id DESC LIMIT ${FREEZE_TASKS_LISTED}`,
    params,
  )) as FreezeTaskRow[];
  return rows.map(toFreezeTask);
}

/** What a task stores of why its freeze failed (an unexpected error: a generic reason). */
export function failureOf(error: unknown): FreezeFailure {
  if (error instanceof DomainError)
    return {
      code: error.code,
      message: error.message,
      field: error.field ?? null,
      key: error.reason?.key ?? null,
      params: error.reason?.params ?? null,
    };
  return {
    code: 'INTERNAL',
    message: 'the freeze failed; nothing was stored',
    field: null,
    key: 'snapshot.freezeFailed',
    params: null,
  };
}

/** The error a failed freeze raised, again (for callers that wait for it). */
export function errorOf(failure: FreezeFailure | null): Error {
  if (!failure || failure.code === 'INTERNAL')
    return new Error(failure?.message ?? 'the freeze failed; nothing was stored');
  const reason = failure.key ? { key: failure.key, params: failure.params ?? {} } : undefined;
  const field = failure.field ?? undefined;
  return new DomainError(
    failure.code as DomainErrorCode,
    failure.message,
    field,
    field ? [{ field, message: failure.message, ...(reason ? { reason } : {}) }] : [],
    reason,
  );
}
