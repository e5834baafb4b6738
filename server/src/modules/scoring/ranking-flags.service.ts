import type { Flag } from '@gongkai/scoring';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor';
import { subtreePattern } from './ranking.sql';
import { RankingService, type RankingScope } from './ranking.service';
import { toFlag, type FlagRow } from './result-flags.store';

/** Flags of a population, filtered by flag id and severity. */
export type FlagsInput = RankingScope & {
  readonly flagId?: string | null;
  readonly severity?: string | null;
};

/** A population's flags counted per organization and flag id. */
export type FlagCount = {
  organizationId: string;
  organizationName: string;
  flagId: string;
  severity: string;
  count: number;
};

/**
 * The flags of a population (region subtree × peer group) of a round's stored result
 * (`ranking_result_flags`): $1 result id, $2 region path pattern, $3 peer group (null = all).
 */
const POPULATION_FLAGS = `
  FROM ranking_result_rows x
  JOIN ranking_result_flags f ON f.result_id = x.result_id AND f.organization_id = x.organization_id
  JOIN organization_directory o ON o.id = x.organization_id
 WHERE x.result_id = $1 AND x.path LIKE $2 AND ($3::text IS NULL OR x.peer_group = $3)`;

/**
 * A population's flags counted per organization and flag id, in name order (as `flags` lists
 * them): the population's range of the path index, each organization's flags along the flags'
 * primary key and the names of the flagged organizations only. Grouped per organization inside
 * a lateral, so that the flags are looked up per member whatever the planner thinks of a result
 * filled a moment ago: joined, it hashed the whole round's flags or organizations for a province.
 * Parameters as `POPULATION_FLAGS`.
 */
const POPULATION_FLAG_COUNTS = `
  SELECT x.organization_id, o.name, g.flag_id, g.severity, g.count
    FROM ranking_result_rows x
   CROSS JOIN LATERAL (
         SELECT f.flag_id, min(f.severity) AS severity, count(*)::int AS count,
                min(f.ordinal) AS ordinal
           FROM ranking_result_flags f
          WHERE f.result_id = x.result_id AND f.organization_id = x.organization_id
          GROUP BY f.flag_id) g
   CROSS JOIN LATERAL (SELECT id, name FROM organization_directory
                        WHERE id = x.organization_id LIMIT 1) o
   WHERE x.result_id = $1 AND x.path LIKE $2 AND ($3::text IS NULL OR x.peer_group = $3)
   ORDER BY o.name COLLATE "zh-x-icu", o.id, g.ordinal`;

/** The flag id ($4) and severity ($5) filters. */
const FILTER = `($4::text IS NULL OR f.flag_id = $4) AND ($5::text IS NULL OR f.severity = $5)`;

/** Whether the result still exists (a newer fill deletes it): $1 result id. */
const PRESENT = `EXISTS (SELECT 1 FROM ranking_results WHERE id = $1) AS present`;

/**
 * The `flags` list and the overview's flag counts, read from the round's stored population
 * result (`RankingService.storedResult`) and its flags, computed when the result was filled.
 * Lists are in organization name order (ICU `zh` collation, then id), each organization's flags
 * in the package's order. A result replaced between finding it and reading it is found again
 * (up to two retries).
 */
@Injectable()
export class RankingFlagsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rankings: RankingService,
  ) {}

  /**
   * Flags of the population, with the names of their organizations; a page of them
   * (`offset`, `limit`) and how many there are in all when `page` is given.
   */
  async flags(
    actor: Actor,
    input: FlagsInput,
    page: { offset: number; limit: number } | null = null,
    asOf: Date = new Date(),
  ): Promise<{ flags: Flag[]; names: ReadonlyMap<string, string>; totalCount: number }> {
    const { region } = await this.rankings.resolveScope(actor, input);
    for (let attempt = 0; ; attempt += 1) {
      const result = await this.rankings.storedResult(actor, input, asOf);
      const rows = (await this.dataSource.query(
        `SELECT c.present, c.total_count, p.*
           FROM (SELECT ${PRESENT}, ${
             page ? `(SELECT count(*) ${POPULATION_FLAGS} AND ${FILTER})::int` : 'NULL::int'
           } AS total_count) c
           LEFT JOIN LATERAL (
                 SELECT f.organization_id, o.name, f.flag_id, f.severity, f.message,
                        f.message_en, f.evidence
                 ${POPULATION_FLAGS} AND ${FILTER}
                  ORDER BY o.name COLLATE "zh-x-icu", o.id, f.ordinal
                 ${page ? 'OFFSET $6 LIMIT $7' : ''}) p ON TRUE`,
        [
          result.id,
          subtreePattern(region.path),
          input.peerGroup ?? null,
          input.flagId || null,
          input.severity || null,
          ...(page ? [page.offset, page.limit] : []),
        ],
      )) as (FlagRow & { present: boolean; total_count: number | null; name: string })[];
      if (rows[0]?.present === false && attempt < 2) continue;
      const names = new Map<string, string>();
      const flags: Flag[] = [];
      for (const row of rows) {
        if (row.organization_id === null) continue;
        flags.push(toFlag(row));
        names.set(row.organization_id, row.name);
      }
      return { flags, names, totalCount: rows[0]?.total_count ?? flags.length };
    }
  }

  /**
   * Flags of a region's population counted per organization and flag id (no flag objects):
   * what the overview's flag matrix reads.
   */
  async flagCounts(
    actor: Actor,
    scope: { roundId: string; regionId: string },
    asOf: Date = new Date(),
  ): Promise<FlagCount[]> {
    const { region } = await this.rankings.resolveScope(actor, scope);
    for (let attempt = 0; ; attempt += 1) {
      const result = await this.rankings.storedResult(actor, { ...scope, modelId: null }, asOf);
      const rows = (await this.dataSource.query(
        `SELECT c.present, p.*
           FROM (SELECT ${PRESENT}) c
           LEFT JOIN LATERAL (${POPULATION_FLAG_COUNTS}) p ON TRUE`,
        [result.id, subtreePattern(region.path), null],
      )) as {
        present: boolean;
        organization_id: string | null;
        name: string;
        flag_id: string;
        severity: string;
        count: number;
      }[];
      if (rows[0]?.present === false && attempt < 2) continue;
      return rows
        .filter((row) => row.organization_id !== null)
        .map((row) => ({
          organizationId: row.organization_id as string,
          organizationName: row.name,
          flagId: row.flag_id,
          severity: row.severity,
          count: row.count,
        }));
    }
  }
}
