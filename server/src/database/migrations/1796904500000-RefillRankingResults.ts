import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored ranking results are computed by the ranking statement, and their key holds only the
 * change counters and the day: a change to the statement itself moves neither. A body that has
 * submitted nothing while its deadline is open is now unranked (its roster's staffing no longer
 * scores it), so the results stored before are emptied (their rows and flags with them) and
 * filled again by the job or the next reader. Nothing is lost: they are a cache.
 */
export class RefillRankingResults1796904500000 implements MigrationInterface {
  name = 'RefillRankingResults1796904500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM "ranking_results"');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // results filled under the new statement are not the old one's either
    await queryRunner.query('DELETE FROM "ranking_results"');
  }
}
