import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import { DEFAULT_MODEL, type ScoringModel } from '@gongkai/scoring';
import { DataSource } from 'typeorm';
import { runsSystemDuties } from '../../cluster';
import { JobsService } from '../../jobs/jobs.service';
import { InputRefsStore } from './input-refs.store';
import { ResultPointsStore } from './result-points.store';
import { RankingResultsStore, type StoredResult } from './ranking-results.store';
import { subtreePattern } from './ranking.sql';
import { rosterReading } from './roster-measures';
import { ROSTER_SUMMARY_PROVIDER, type RosterSummaryProvider } from './scoring-source.reader';

export const FILL_JOB = 'ranking-results-fill';
/** Keeps a round's inputs ahead of a freeze (`InputRefsStore.refresh`). */
export const INPUT_REFS_JOB = 'ranking-input-refs-fill';
/** Keeps a stored result's points ahead of a freeze (`ResultPointsStore.keep`). */
export const RESULT_POINTS_JOB = 'ranking-result-points-fill';

/** A round × model is "asked for" when a reader asked for its result this recently. */
const ASKED_DAYS = 7;
/** How often the system process looks for results to fill. */
const SWEEP_MS = 2_000;
/** A round's changes are left to settle this long before its result is filled (a bulk import). */
const QUIET_SECONDS = 3;
/** …unless its stored result is older than this (changes that never stop). */
const MAX_WAIT_SECONDS = 60;

/** A round × model whose current result is not stored. */
export type StaleResult = { readonly roundId: string; readonly modelId: string };

/**
 * Every round × model whose result is asked for and not current at `$1` (the scoring instant):
 * the models a reader asked for in the last days (`requested_at`), and the default model (the
 * newest) of every round that is not closed, was asked for, or whose submissions or rosters
 * changed in the last days. `$2` true: only those whose changes have settled (see
 * `QUIET_SECONDS`). The key is the one `RankingResultsStore` looks up.
 */
const STALE_SQL = `
WITH default_model AS (
  SELECT id FROM scoring_models ORDER BY created_at DESC, id ASC LIMIT 1
), asked AS (
  SELECT DISTINCT round_id, scoring_model_id AS model_id FROM ranking_results
   WHERE requested_at > $1::timestamptz - interval '${ASKED_DAYS} days'
), candidates AS (
  SELECT round_id, model_id FROM asked
  UNION
  SELECT r.id, d.id FROM round_directory r CROSS JOIN default_model d
   WHERE r.status <> 'CLOSED'
      OR r.id IN (SELECT round_id FROM asked)
      OR EXISTS (SELECT 1 FROM scoring_stamps s
                  WHERE s.scope IN ('round:' || r.id, 'roster:' || r.id)
                    AND s.changed_at > $1::timestamptz - interval '${ASKED_DAYS} days')
), stamped AS (
  SELECT c.round_id, c.model_id,
         COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'round:' || c.round_id), 0) AS round_stamp,
         COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'roster:' || c.round_id), 0) AS roster_stamp,
         COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'organizations'), 0) AS organizations_stamp,
         GREATEST((SELECT changed_at FROM scoring_stamps WHERE scope = 'round:' || c.round_id),
                  (SELECT changed_at FROM scoring_stamps WHERE scope = 'roster:' || c.round_id),
                  (SELECT changed_at FROM scoring_stamps WHERE scope = 'organizations')) AS changed_at
    FROM candidates c
)
SELECT s.round_id, s.model_id
  FROM stamped s
 WHERE NOT EXISTS (
         SELECT 1 FROM ranking_results x
          WHERE x.round_id = s.round_id AND x.scoring_model_id = s.model_id
            AND x.day = ($1::timestamptz AT TIME ZONE 'Asia/Shanghai')::date
            AND x.round_stamp = s.round_stamp AND x.roster_stamp = s.roster_stamp
            AND x.organizations_stamp = s.organizations_stamp)
   AND (NOT $2::boolean
        OR s.changed_at IS NULL
        OR s.changed_at <= now() - interval '${QUIET_SECONDS} seconds'
        OR EXISTS (SELECT 1 FROM ranking_results x
                    WHERE x.round_id = s.round_id AND x.scoring_model_id = s.model_id
                      AND x.computed_at <= now() - interval '${MAX_WAIT_SECONDS} seconds'))
 ORDER BY s.round_id, s.model_id`;

/** The rounds × models whose result is asked for and missing at `asOf`. */
export async function staleResults(
  dataSource: DataSource,
  asOf: Date,
  settledOnly = false,
): Promise<StaleResult[]> {
  const rows = (await dataSource.query(STALE_SQL, [asOf, settledOnly])) as {
    round_id: string;
    model_id: string;
  }[];
  return rows.map((row) => ({ roundId: row.round_id, modelId: row.model_id }));
}

/**
 * Fills (or finds) the current result of a round × model at `asOf` as the background: not a
 * reader's request. Null when the round or the model no longer exists.
 */
export async function fillResult(
  dataSource: DataSource,
  store: RankingResultsStore,
  roster: Pick<RosterSummaryProvider, 'summaries'> | null,
  wanted: StaleResult,
  asOf: Date,
): Promise<StoredResult | null> {
  const [found] = (await dataSource.query(
    `SELECT o.path, m.definition
       FROM round_directory r JOIN organization_directory o ON o.id = r.scope_organization_id,
            scoring_models m
      WHERE r.id = $1 AND m.id = $2`,
    [wanted.roundId, wanted.modelId],
  )) as { path: string; definition: ScoringModel }[];
  if (!found) return null;
  const roundScopePattern = subtreePattern(found.path);
  return store.current({
    roundId: wanted.roundId,
    modelId: wanted.modelId,
    model: found.definition,
    roundScopePattern,
    asOf,
    requested: false,
    rosters: rosterReading(dataSource, roster, wanted.roundId, roundScopePattern),
  });
}

/**
 * Fills every result that is asked for and missing, now, one after the other (after the demo
 * data or `gongkai seed`, so the first reader finds them), with the package's default model
 * stored first when missing (as the server stores it at boot). Returns how many were filled.
 */
export async function fillStaleResults(
  dataSource: DataSource,
  roster: Pick<RosterSummaryProvider, 'summaries'> | null,
  asOf: Date = new Date(),
): Promise<number> {
  await dataSource.query(
    `INSERT INTO scoring_models (model_id, version, definition) VALUES ($1, $2, $3)
     ON CONFLICT (model_id, version) DO NOTHING`,
    [DEFAULT_MODEL.id, DEFAULT_MODEL.version, JSON.stringify(DEFAULT_MODEL)],
  );
  const store = new RankingResultsStore(dataSource);
  let filled = 0;
  for (const wanted of await staleResults(dataSource, asOf)) {
    if (await fillResult(dataSource, store, roster, wanted, asOf)) filled += 1;
  }
  return filled;
}

/**
 * Stored ranking results filled before anyone asks. The system process (`runsSystemDuties`)
 * looks every 2 s for rounds × models whose result is asked for and not current — a stamp moved
 * (a submission, an approval, a deadline, the hierarchy, a roster) or the Shanghai day turned —
 * and whose changes have settled for 3 s (a bulk import is one fill, not one per batch; after
 * 60 s of unceasing changes it fills anyway), and sends the pg-boss job `ranking-results-fill`
 * per round × model. The queue is `stately` with the round × model as singleton key: at most one
 * such job waits and one runs, whichever process works it; the fill itself takes the store's
 * advisory lock, so a reader asking meanwhile waits for it and reads it. A reader that finds no
 * current result (the job has not run yet) still fills it itself. The same sweep keeps what a
 * freeze reads ahead of it (`FREEZE.md`): the jobs `ranking-input-refs-fill` per round whose
 * kept inputs are not current (`InputRefsStore`) and `ranking-result-points-fill` per stored
 * result without kept points (`ResultPointsStore`).
 */
/** The fills' queue policy: one waiting and one running per key, retried once after 5 s. */
const ONE_AT_A_TIME = { policy: 'stately', retryLimit: 1, retryDelay: 5 } as const;

@Injectable()
export class RankingResultsFill
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('RankingResults');
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  /** The scoring instant of the sweep and of the job's fill (tests move it past midnight). */
  clock: () => Date = () => new Date();

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: RankingResultsStore,
    private readonly jobs: JobsService,
    private readonly refs: InputRefsStore,
    private readonly points: ResultPointsStore,
    @Optional()
    @Inject(ROSTER_SUMMARY_PROVIDER)
    private readonly roster: RosterSummaryProvider | null = null,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: FILL_JOB,
      ...ONE_AT_A_TIME,
      handler: async (data) => {
        const { roundId, modelId } = data;
        if (typeof roundId !== 'string' || typeof modelId !== 'string') return;
        await fillResult(
          this.dataSource,
          this.store,
          this.roster,
          { roundId, modelId },
          this.clock(),
        );
      },
    });
    this.jobs.register({
      name: INPUT_REFS_JOB,
      ...ONE_AT_A_TIME,
      handler: async (data) => {
        const { roundId } = data;
        if (typeof roundId === 'string') await this.refs.refresh(roundId);
      },
    });
    this.jobs.register({
      name: RESULT_POINTS_JOB,
      ...ONE_AT_A_TIME,
      handler: async (data) => {
        const { resultId } = data;
        if (typeof resultId === 'string') await this.points.keep(resultId);
      },
    });
  }

  onApplicationBootstrap(): void {
    if (!this.jobs.running || !runsSystemDuties()) return;
    this.timer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
  }

  /** Sends a fill job for every result asked for, missing and settled. */
  sweep(): Promise<void> {
    if (this.sweeping) return this.sweeping;
    this.sweeping = this.sendStale()
      .catch((error: unknown) =>
        this.logger.error(`looking for rankings to fill: ${String(error).split('\n')[0]}`),
      )
      .finally(() => {
        this.sweeping = null;
      });
    return this.sweeping;
  }

  private async sendStale(): Promise<void> {
    if (!this.jobs.running) return;
    for (const wanted of await staleResults(this.dataSource, this.clock(), true))
      await this.jobs.send(FILL_JOB, wanted, {
        singletonKey: `${wanted.roundId}:${wanted.modelId}`,
      });
    for (const roundId of await this.refs.stale(this.clock()))
      await this.jobs.send(INPUT_REFS_JOB, { roundId }, { singletonKey: roundId });
    for (const resultId of await this.points.missing(this.clock()))
      await this.jobs.send(RESULT_POINTS_JOB, { resultId }, { singletonKey: resultId });
  }
}
