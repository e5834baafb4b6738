import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a stored ranking result keeps of each organization's measurements, so its rows, points,
 * explanation and the last places are read from PostgreSQL: per model indicator (model order)
 * the status (0 value, 1 not applicable, 2 missing — the package's codes), the raw value and
 * the normalised score, as the ranking statement computed them; and the scoring instant the
 * result was computed for (the explanation's "as of"). A partial index finds the organizations
 * whose roster was ever edited (audit events `roster.*`), which a ranking asks the roster about.
 */
export class AddRankingResultMeasures1796900500000 implements MigrationInterface {
  name = 'AddRankingResultMeasures1796900500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM "ranking_results"');
    await queryRunner.query(
      `ALTER TABLE "ranking_results" ADD "as_of" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await queryRunner.query(`ALTER TABLE "ranking_result_rows"
      ADD "statuses" smallint[] NOT NULL DEFAULT '{}',
      ADD "raws" double precision[] NOT NULL DEFAULT '{}',
      ADD "norms" double precision[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(
      `CREATE INDEX "ix_audit_events_roster_organization" ON "audit_events" ("organization_id") WHERE action LIKE 'roster.%'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_audit_events_roster_organization"');
    await queryRunner.query(`ALTER TABLE "ranking_result_rows"
      DROP COLUMN "norms", DROP COLUMN "raws", DROP COLUMN "statuses"`);
    await queryRunner.query('ALTER TABLE "ranking_results" DROP COLUMN "as_of"');
  }
}
