import type { Severity } from '@gongkai/report-model';
import type { DataSource } from 'typeorm';
import { type Actor, scopeCondition } from '../../common/actor';
import type { FindingRow } from '../scoring/ranking-row';

/**
 * The ranked organizations whose stored findings the sheet lists, in sheet order, read by
 * position (a national sheet has 120,000: no object per organization is made for them).
 */
export type FindingSources = {
  readonly length: number;
  versionId(position: number): string | null;
  organizationName(position: number): string;
  rank(position: number): number | null;
};

/** `FindingSources` over a list of objects. */
export function findingSourcesOf(
  list: readonly {
    readonly versionId: string | null;
    readonly organizationName: string;
    readonly rank: number | null;
  }[],
): FindingSources {
  return {
    length: list.length,
    versionId: (i) => list[i]?.versionId ?? null,
    organizationName: (i) => list[i]?.organizationName ?? '',
    rank: (i) => list[i]?.rank ?? null,
  };
}

/** Rows fetched per round trip; the next batch is requested while this one is written. */
export const FINDINGS_BATCH = 5000;

type StoredFinding = {
  position: number;
  rule: string;
  severity: Severity;
  message: string;
  cells: string[] | null;
};

/**
 * The stored findings of the given organizations' scored versions, one row per finding, in the
 * order of `sources` (and, within a version, as stored), restricted to what the actor may see
 * (as `SubmissionsService.visibleFindings`).
 *
 * One statement over all of them, read through a server-side cursor: the findings are unpacked
 * in the database (only the four fields the sheet shows travel) and the next batch is already
 * on its way while the current one is written, so the database works alongside the writer.
 */
export async function* readFindingRows(
  dataSource: DataSource,
  actor: Actor,
  sources: FindingSources,
  batch = FINDINGS_BATCH,
): AsyncGenerator<FindingRow> {
  const positions: number[] = [];
  const versionIds: string[] = [];
  for (let i = 0; i < sources.length; i += 1) {
    const versionId = sources.versionId(i);
    if (versionId === null) continue;
    positions.push(i);
    versionIds.push(versionId);
  }
  if (versionIds.length === 0) return;
  // The access condition of every other read, its one named parameter made positional.
  const condition = scopeCondition(actor, 'o', 'scope');
  const scope = condition.sql.replace(':scope', '$2');
  const params: unknown[] = [versionIds, ...Object.values(condition.params)];
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  let open = false;
  try {
    await runner.startTransaction();
    await runner.query(
      `DECLARE ranking_findings NO SCROLL CURSOR FOR
       SELECT u.ord::int - 1 AS position, f.value->>'rule' AS rule,
              f.value->>'severity' AS severity, f.value->>'message' AS message,
              ARRAY(SELECT jsonb_array_elements_text(f.value->'cells')) AS cells
         FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, ord)
         JOIN submission_versions v ON v.id = u.id
         JOIN submissions s ON s.id = v.submission_id
         JOIN organizations o ON o.id = s.organization_id
        CROSS JOIN LATERAL jsonb_array_elements(
              CASE WHEN jsonb_typeof(v.findings) = 'array' THEN v.findings ELSE '[]'::jsonb END
            ) WITH ORDINALITY AS f(value, n)
        WHERE ${scope}
        ORDER BY u.ord, f.n`,
      params,
    );
    open = true;
    const fetch = (): Promise<StoredFinding[]> =>
      runner.query(`FETCH ${batch} FROM ranking_findings`) as Promise<StoredFinding[]>;
    let next: Promise<StoredFinding[]> | null = fetch();
    while (next) {
      const rows: StoredFinding[] = await next;
      next = rows.length === batch ? fetch() : null;
      // Keep a pending fetch from rejecting unobserved if the consumer stops early.
      next?.catch(() => undefined);
      for (const row of rows) {
        const at = positions[row.position] as number;
        yield {
          organizationName: sources.organizationName(at),
          rank: sources.rank(at),
          rule: row.rule,
          severity: row.severity,
          message: row.message,
          cells: row.cells ?? [],
        };
      }
    }
  } finally {
    try {
      if (open) await runner.query('CLOSE ranking_findings').catch(() => undefined);
      if (runner.isTransactionActive) await runner.commitTransaction().catch(() => undefined);
    } finally {
      await runner.release();
    }
  }
}
