import { shanghaiEndOfDay, toShanghaiIso, type RosterSummary } from '@gongkai/scoring';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { cursorBatches } from '../../database/cursor';
import { effectiveDeadlineSql, expectedInRoundSql, inSubtreeSql } from '../rounds';
import { InputsHasher, refDigest, type InputRef } from './input-ref';
import { PEER_GROUP_SQL } from './ranking.sql';
import { ROSTER_SUMMARY_PROVIDER, type RosterSummaryProvider } from './scoring-source.reader';

/** A population of a round: a region subtree (inside the round's scope), maybe one peer group. */
export type InputsPopulation = {
  readonly roundId: string;
  /** Materialised path of the region node ranked. */
  readonly regionPath: string;
  readonly peerGroup: string | null;
};

/** One member's inputs as they are now, and their digest (`refDigest`). */
export type CurrentInput = { readonly ref: InputRef; readonly digest: string };

/** Members read per FETCH, and per roster read. */
export const INPUTS_BATCH = 1000;

type InputRow = {
  id: string;
  name: string;
  path: string;
  kind: string | null;
  peer_group: string;
  parent_name: string | null;
  deadline: string;
  status: string | null;
  first_submitted_at: Date | null;
  last_submitted_at: Date | null;
  returned_at: Date | null;
  version_id: string | null;
  previous_version_id: string | null;
  rostered: boolean;
};

/**
 * The members of a population with what their score is computed from, by reference (the
 * columns of `InputRef`: the scored version by id, dates, deadline, status, hierarchy facts;
 * the roster summary from the roster module), read from the tables without any report, in
 * organization id order. Parameters: $1 round id, $2 the region's path, $3 peer group (null:
 * all), $4 only these organizations (null: all).
 */
export const INPUTS_SQL = `
SELECT o.id, o.name, o.path, o.kind, ${PEER_GROUP_SQL} AS peer_group, p.name AS parent_name,
       ${effectiveDeadlineSql('r', 'o', 'x')}::text AS deadline,
       s.status::text AS status, s.first_submitted_at, s.last_submitted_at, ret.returned_at,
       v.id AS version_id, pv.id AS previous_version_id,
       o.id IN (SELECT organization_id FROM post_assignment_terms
                UNION SELECT organization_id FROM post_vacancy_terms
                UNION SELECT organization_id FROM audit_trail
                       WHERE action LIKE 'roster.%' AND organization_id IS NOT NULL) AS rostered
  FROM round_directory r
  JOIN organization_directory sc ON sc.id = r.scope_organization_id
  JOIN organization_directory o ON ${inSubtreeSql('o', '$2::text')} AND ${inSubtreeSql('o', 'sc.path')}
   AND ${expectedInRoundSql('r', 'o')}
  LEFT JOIN organization_directory p ON p.id = o.parent_id
  LEFT JOIN round_extension_deadlines x ON x.round_id = r.id AND x.organization_id = o.id
  LEFT JOIN submission_states s ON s.round_id = r.id AND s.organization_id = o.id
  LEFT JOIN submission_reports v ON v.id = s.submitted_version_id
  LEFT JOIN round_directory pr ON pr.scope_organization_id = r.scope_organization_id AND pr.year = r.year - 1
  LEFT JOIN submission_states ps ON ps.round_id = pr.id AND ps.organization_id = o.id
  LEFT JOIN submission_reports pv
    ON pv.id = COALESCE(v.previous_year_version_id, ps.submitted_version_id)
  LEFT JOIN LATERAL (
        SELECT max(a.created_at) AS returned_at
          FROM audit_trail a
         WHERE a.submission_id = s.id AND a.to_status = 'RETURNED'
       ) ret ON s.status = 'RETURNED'
 WHERE r.id = $1
   AND ($3::text IS NULL OR ${PEER_GROUP_SQL} = $3)
   AND ($4::uuid[] IS NULL OR o.id = ANY($4::uuid[]))
 ORDER BY o.id`;

/**
 * The change counters a round's inputs are computed under, as one text (`r` a `round_directory`
 * row). Every input of `InputRef` moves one of them: the round's `round:<id>` (submissions'
 * status, version and dates, returns, deadlines, extensions), `organizations` (names, parents,
 * paths, kinds, peer groups, levels, reporting years), `roster:<round>` (roster summaries), last
 * year's round's `round:<id>` (the version compared with), and the Asia/Shanghai day (a roster
 * is read as of now).
 */
export const ROUND_STAMPS_SQL = `(
  SELECT concat_ws('|',
           COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'round:' || r.id::text), 0),
           COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'roster:' || r.id::text), 0),
           COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'organizations'), 0),
           COALESCE(pr.id::text, '-'),
           COALESCE((SELECT stamp FROM scoring_stamps WHERE scope = 'round:' || pr.id::text), 0),
           to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'))
    FROM (SELECT (SELECT p.id FROM round_directory p
                   WHERE p.scope_organization_id = r.scope_organization_id AND p.year = r.year - 1
                   ORDER BY p.id LIMIT 1) AS id) pr)`;

/**
 * The change counters of a population's round (`ROUND_STAMPS_SQL`) and the hash kept for the
 * population when there is one. Parameters: $1 round id, $2 region path, $3 peer group ('' for
 * all).
 */
const STAMPS_SQL = `
SELECT ${ROUND_STAMPS_SQL} AS stamps,
       h.stamps AS kept_stamps, h.inputs_hash, h.member_count
  FROM round_directory r
  LEFT JOIN population_input_hashes h
    ON h.round_id = r.id AND h.region_path = $2 AND h.peer_group = $3
 WHERE r.id = $1`;

function instant(value: Date | null): string | null {
  return value === null ? null : toShanghaiIso(value.getTime());
}

/** A row as the `InputRef` of the same organization that a snapshot stores. */
export function toInputRef(row: InputRow, roster: RosterSummary | null): InputRef {
  return {
    organizationId: row.id,
    organizationName: row.name,
    regionName: row.parent_name,
    regionPath: row.path.split('/').filter((segment) => segment !== ''),
    peerGroup: row.peer_group,
    departmentType: row.kind,
    deadline: shanghaiEndOfDay(row.deadline),
    status: row.status,
    firstSubmittedAt: instant(row.first_submitted_at),
    lastSubmittedAt: instant(row.last_submitted_at),
    returnedAt: instant(row.returned_at),
    versionId: row.version_id,
    previousVersionId: row.previous_version_id,
    roster,
  };
}

/**
 * What each member of a population is scored from now, read from PostgreSQL through a cursor
 * (one FETCH and one roster read per 1,000 members), so that a national population is never in
 * memory whole: its hash for the staleness of a snapshot, the references of the members a
 * message names, and the inputs a freeze stores.
 */
@Injectable()
export class CurrentInputsReader {
  constructor(
    private readonly dataSource: DataSource,
    @Optional()
    @Inject(ROSTER_SUMMARY_PROVIDER)
    private readonly roster: RosterSummaryProvider | null = null,
  ) {}

  /** The members' inputs in organization id order, a batch at a time. */
  async *batches(
    population: InputsPopulation,
    only: readonly string[] | null = null,
    batch = INPUTS_BATCH,
  ): AsyncGenerator<CurrentInput[]> {
    const params = [population.roundId, population.regionPath, population.peerGroup, only];
    // a batch's rosters are read while the next batch is fetched (one batch ahead)
    let ready: Promise<CurrentInput[]> | null = null;
    for await (const rows of cursorBatches<InputRow>(this.dataSource, INPUTS_SQL, params, batch)) {
      const next = this.withRosters(population.roundId, rows);
      next.catch(() => undefined);
      if (ready) yield await ready;
      ready = next;
    }
    if (ready) yield await ready;
  }

  private async withRosters(roundId: string, rows: InputRow[]): Promise<CurrentInput[]> {
    // only organizations with a post or a roster edit can have a roster (`ROSTERED_ORGANIZATIONS_SQL`)
    const rostered = rows.filter((row) => row.rostered).map((row) => row.id);
    const rosters =
      this.roster && rostered.length > 0 ? await this.roster.summaries(roundId, rostered) : null;
    return rows.map((row) => {
      const ref = toInputRef(row, rosters?.get(row.id) ?? null);
      return { ref, digest: refDigest(ref) };
    });
  }

  /**
   * `inputsHash` of the population now, and how many members it has: the hash kept in
   * `population_input_hashes` when the change counters are those it was computed under (one
   * lookup), else computed (`computeHash`) and kept with the counters read before it — a change
   * committed meanwhile moves a counter, so it is never hidden behind a kept hash.
   */
  async hash(population: InputsPopulation): Promise<{ hash: string; count: number }> {
    const counters = await this.counters(population);
    if (counters?.kept) return counters.kept;
    const computed = await this.computeHash(population);
    if (counters) await this.keep(this.dataSource.manager, population, counters.stamps, computed);
    return computed;
  }

  /**
   * The change counters of a population now (null for an unknown round), and the hash kept
   * under exactly those counters, if any.
   */
  async counters(
    population: InputsPopulation,
  ): Promise<{ stamps: string; kept: { hash: string; count: number } | null } | null> {
    const found = (await this.dataSource.query(STAMPS_SQL, [
      population.roundId,
      population.regionPath,
      population.peerGroup ?? '',
    ])) as {
      stamps: string;
      kept_stamps: string | null;
      inputs_hash: string | null;
      member_count: number | null;
    }[];
    const head = found[0];
    if (!head) return null;
    const kept =
      head.kept_stamps === head.stamps && head.inputs_hash !== null
        ? { hash: head.inputs_hash, count: head.member_count ?? 0 }
        : null;
    return { stamps: head.stamps, kept };
  }

  /**
   * Keeps a population's hash under the counters read before its inputs were (a freeze keeps
   * the hash it staged, in its transaction), replacing what was kept.
   */
  async keep(
    manager: EntityManager,
    population: InputsPopulation,
    stamps: string,
    computed: { hash: string; count: number },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO population_input_hashes
         (round_id, region_path, peer_group, stamps, inputs_hash, member_count)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (round_id, region_path, peer_group) DO UPDATE
         SET stamps = EXCLUDED.stamps, inputs_hash = EXCLUDED.inputs_hash,
             member_count = EXCLUDED.member_count, computed_at = now()`,
      [
        population.roundId,
        population.regionPath,
        population.peerGroup ?? '',
        stamps,
        computed.hash,
        computed.count,
      ],
    );
  }

  /** `inputsHash` of the population read from the tables now (no kept hash). */
  async computeHash(population: InputsPopulation): Promise<{ hash: string; count: number }> {
    const hasher = new InputsHasher();
    for await (const batch of this.batches(population))
      for (const { ref, digest } of batch) hasher.add(ref.organizationId, digest);
    return { hash: hasher.digest(), count: hasher.count };
  }

  /** The current inputs of some members (those still in the population), by organization id. */
  async inputs(
    population: InputsPopulation,
    organizationIds: readonly string[],
  ): Promise<Map<string, InputRef>> {
    const found = new Map<string, InputRef>();
    if (organizationIds.length === 0) return found;
    for await (const batch of this.batches(population, organizationIds))
      for (const { ref } of batch) found.set(ref.organizationId, ref);
    return found;
  }
}
