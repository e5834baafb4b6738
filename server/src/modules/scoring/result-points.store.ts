import type { ScoringModel } from '@gongkai/scoring';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { pointsOf } from './rows-to-freeze';

/** Members whose points are written per INSERT. */
const KEEP_BATCH = 10_000;

/**
 * Each member's points of a stored result, kept ahead of a freeze (`ranking_result_points`,
 * complete when the result's `points_count` is set): the same computation a freeze makes
 * (`pointsOf`: `pointsOfStored` on the stored measurements under the result's model and scoring
 * instant), made once per result in the background. A result never changes (a change makes a new
 * one), so kept points stay right while their result is stored, and go with it. A freeze of a
 * result whose points are kept writes them (`INSERT_ROWS_KEPT_POINTS_SQL`) instead of computing
 * them.
 */
@Injectable()
export class ResultPointsStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Results read in the last 7 days ($1 the instant) whose points are not kept, newest first. */
  async missing(asOf: Date): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM ranking_results
        WHERE points_count IS NULL AND requested_at > $1::timestamptz - interval '7 days'
        ORDER BY computed_at DESC, id`,
      [asOf],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }

  /**
   * Computes and keeps a result's points; null when they are kept already, when the result is
   * gone or when another process is keeping them. Otherwise how many were kept.
   */
  async keep(resultId: string): Promise<number | null> {
    return this.dataSource.transaction(async (manager) => {
      const [locked] = (await manager.query(
        `SELECT pg_try_advisory_xact_lock(hashtextextended('ranking_result_points:' || $1::uuid::text, 0)) AS locked`,
        [resultId],
      )) as { locked: boolean }[];
      if (!locked?.locked) return null;
      const [result] = (await manager.query(
        `SELECT x.as_of, x.points_count, m.definition
           FROM ranking_results x JOIN scoring_models m ON m.id = x.scoring_model_id
          WHERE x.id = $1`,
        [resultId],
      )) as { as_of: Date; points_count: number | null; definition: ScoringModel }[];
      if (!result || result.points_count !== null) return null;
      await manager.query('DELETE FROM ranking_result_points WHERE result_id = $1', [resultId]);
      let kept = 0;
      let ids: string[] = [];
      let points: (number | null)[][] = [];
      const flush = async (): Promise<void> => {
        if (ids.length === 0) return;
        await manager.query(
          `INSERT INTO ranking_result_points (result_id, organization_id, points)
           SELECT $1::uuid, p.id, p.points
             FROM ROWS FROM (unnest($2::uuid[]), jsonb_array_elements($3::jsonb)) AS p(id, points)`,
          [resultId, ids, JSON.stringify(points)],
        );
        kept += ids.length;
        ids = [];
        points = [];
      };
      for await (const row of pointsOf(this.dataSource, result.definition, result.as_of, [
        resultId,
        '%',
        null,
      ])) {
        ids.push(row.organizationId);
        points.push(row.points as (number | null)[]);
        if (ids.length === KEEP_BATCH) await flush();
      }
      await flush();
      await manager.query('UPDATE ranking_results SET points_count = $2 WHERE id = $1', [
        resultId,
        kept,
      ]);
      return kept;
    });
  }

  /** In a freeze's transaction: whether the result's points are kept. */
  async kept(manager: EntityManager, resultId: string): Promise<boolean> {
    const rows = (await manager.query(
      'SELECT 1 FROM ranking_results WHERE id = $1 AND points_count IS NOT NULL',
      [resultId],
    )) as unknown[];
    return rows.length > 0;
  }
}
