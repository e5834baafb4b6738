import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reviewed, hand-written (not expressible on the entities): the append-only tables already refuse
 * UPDATE and DELETE row by row; TRUNCATE fires no row triggers, so refuse it per statement too.
 */
export class RefuseTruncateOfAppendOnly1796589644549 implements MigrationInterface {
  name = 'RefuseTruncateOfAppendOnly1796589644549';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_events', 'submission_versions', 'ranking_snapshot_rows']) {
      await queryRunner.query(
        `CREATE TRIGGER "tr_${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['ranking_snapshot_rows', 'submission_versions', 'audit_events']) {
      await queryRunner.query(`DROP TRIGGER "tr_${table}_no_truncate" ON "${table}"`);
    }
  }
}
