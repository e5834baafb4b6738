import type { AnnualReport } from '@gongkai/report-model';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RoundRow } from '../rounds';
import { RoundPeerCorpus } from './peer-corpus';

type RoundState = {
  corpus: RoundPeerCorpus;
  /** Organizations whose counting version may have changed since it was read. */
  stale: Set<string>;
  ready: Promise<void>;
  /** Reads in flight: a save committed meanwhile is re-read rather than set (a read may be older). */
  reading: number;
  /** Submissions changed at or after this instant (database clock) are compared at the next check. */
  horizon: Date | null;
};

type Row = { organization_id: string; version_id: string; sections: AnnualReport['sections'] };

/**
 * How long a transaction may take between stamping a submission's `updated_at` (its start) and
 * committing, for its change still to be seen; request transactions end within the request's time
 * budget (30 s by default), far inside it.
 */
const COMMIT_MARGIN = '10 minutes';

/**
 * The peers of `originality.peer`, per round, in memory: the counting version (submitted, else the
 * latest draft) of every organization of the round's expected population, as MinHash signatures.
 * A round is read once (one query); afterwards a saved version replaces its own entry and other
 * changes (a submission) mark the organization stale, re-read with all stale ones in one query
 * the next time the round is checked. Other server processes write the same database: each check
 * first asks which of the round's submissions changed since the last one (`updated_at`, indexed
 * per round) and re-reads those whose counting version is not the one held, so every process
 * checks against the same peers.
 */
@Injectable()
export class PeerCorpusService {
  private readonly rounds = new Map<string, RoundState>();

  /** The round's corpus, read or refreshed through `manager` (a save's own transaction). */
  async forRound(manager: EntityManager, round: RoundRow): Promise<RoundPeerCorpus> {
    let state = this.rounds.get(round.id);
    if (!state) {
      const corpus = new RoundPeerCorpus(round.year);
      const created: RoundState = {
        corpus,
        stale: new Set(),
        reading: 1,
        horizon: null,
        ready: this.read(manager, round, null)
          .then((rows) => {
            for (const r of rows)
              if (!created.stale.has(r.organization_id))
                corpus.set(r.organization_id, r.version_id, r);
          })
          .finally(() => {
            created.reading -= 1;
          }),
      };
      state = created;
      this.rounds.set(round.id, created);
      created.ready.catch(() => {
        if (this.rounds.get(round.id) === created) this.rounds.delete(round.id);
      });
    }
    await state.ready;
    await this.markChangedElsewhere(manager, round, state);
    if (state.stale.size > 0) {
      const ids = [...state.stale];
      state.stale.clear(); // marks made while reading stay for the next time
      state.reading += 1;
      const rows = await this.read(manager, round, ids)
        .catch((error: unknown) => {
          for (const id of ids) state.stale.add(id);
          throw error;
        })
        .finally(() => {
          state.reading -= 1;
        });
      const found = new Set(rows.map((r) => r.organization_id));
      for (const r of rows)
        if (!state.stale.has(r.organization_id))
          state.corpus.set(r.organization_id, r.version_id, r);
      for (const id of ids) if (!found.has(id)) state.corpus.delete(id);
    }
    return state.corpus;
  }

  /** After a version was committed: it is the organization's counting one unless a submitted one exists. */
  saved(
    submission: {
      roundId: string;
      organizationId: string;
      currentVersionId: string | null;
      submittedVersionId: string | null;
    },
    report: AnnualReport,
  ): void {
    const state = this.rounds.get(submission.roundId);
    if (
      !state ||
      state.reading > 0 ||
      submission.submittedVersionId ||
      !submission.currentVersionId
    ) {
      this.changed(submission.roundId, submission.organizationId);
      return;
    }
    state.stale.delete(submission.organizationId);
    state.corpus.set(submission.organizationId, submission.currentVersionId, report);
  }

  /** After a committed change of which version counts (a submission): re-read it next time. */
  changed(roundId: string, organizationId: string): void {
    this.rounds.get(roundId)?.stale.add(organizationId);
  }

  /**
   * Marks stale the organizations whose counting version changed since the last check, by this
   * process or any other (a save of this process already set its own entry and is skipped).
   */
  private async markChangedElsewhere(
    manager: EntityManager,
    round: RoundRow,
    state: RoundState,
  ): Promise<void> {
    const [row] = (await manager.query(
      `SELECT now() - interval '${COMMIT_MARGIN}' AS horizon,
              COALESCE((SELECT json_agg(json_build_array(organization_id,
                                 COALESCE(submitted_version_id, current_version_id)))
                          FROM submissions
                         WHERE round_id = $1 AND updated_at >= $2), '[]'::json) AS changed`,
      [round.id, state.horizon ?? '-infinity'],
    )) as { horizon: Date; changed: [string, string | null][] }[];
    if (!row) return;
    for (const [organizationId, versionId] of row.changed)
      if (state.corpus.versionOf(organizationId) !== versionId) state.stale.add(organizationId);
    state.horizon = row.horizon;
  }

  /** Drops every cached round (organizations moved or closed; tests). */
  clear(): void {
    this.rounds.clear();
  }

  /**
   * The counting versions' prose of the round's expected population (all of it, or `only` these
   * organizations), in one query.
   */
  private async read(
    manager: EntityManager,
    round: RoundRow,
    only: string[] | null,
  ): Promise<Row[]> {
    return manager.query(COUNTING_PROSE_SQL("v.report -> 'sections'"), [
      round.id,
      round.scopeOrganizationId,
      round.year,
      only,
    ]);
  }

  /**
   * The same rows with the sections as JSON text, for a corpus built elsewhere (the bulk path's
   * checks, on a worker thread).
   */
  async countingProse(
    manager: EntityManager,
    round: RoundRow,
    only: readonly string[] | null,
  ): Promise<{ organization_id: string; version_id: string; sections: string | null }[]> {
    return manager.query(COUNTING_PROSE_SQL("(v.report -> 'sections')::text"), [
      round.id,
      round.scopeOrganizationId,
      round.year,
      only,
    ]);
  }
}

/** Counting versions of a round's expected population; $4 null for all, else these bodies. */
const COUNTING_PROSE_SQL = (sections: string) =>
  // paths are made of ids and slashes: no LIKE wildcards to escape
  `SELECT s.organization_id, v.id AS version_id, ${sections} AS sections
         FROM organization_directory scope
         JOIN organization_directory o ON o.path LIKE scope.path || '%'
         JOIN submissions s ON s.organization_id = o.id AND s.round_id = $1
         JOIN submission_versions v ON v.id = COALESCE(s.submitted_version_id, s.current_version_id)
        WHERE scope.id = $2 AND o.reports
          AND (o.active_from_year IS NULL OR o.active_from_year <= $3)
          AND (o.active_to_year IS NULL OR o.active_to_year >= $3)
          AND ($4::uuid[] IS NULL OR o.id = ANY($4::uuid[]))`;
