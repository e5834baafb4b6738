import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Flags in PostgreSQL. `version_scoring_inputs.flags`: the flags that read nothing but the
 * version (content flags, year-on-year outliers), computed with its other inputs (existing rows
 * get `[]` and are recomputed by the backfill job: `INPUTS_VERSION` 2). `ranking_result_flags`:
 * every flag of every organization of a stored population result, written by its fill
 * (`result-flags.store.ts`) and deleted with it; UNLOGGED like the result. Read per organization
 * (primary key) and filtered by flag id (`ix_ranking_result_flags_flag`).
 */
export class CreateRankingResultFlags1796900000000 implements MigrationInterface {
  name = 'CreateRankingResultFlags1796900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "version_scoring_inputs" ADD "flags" jsonb NOT NULL DEFAULT '[]'`,
    );
    await queryRunner.query(`ALTER TABLE "version_scoring_inputs" ALTER COLUMN "flags" DROP DEFAULT`);
    await queryRunner.query(`CREATE UNLOGGED TABLE "ranking_result_flags" (
      "result_id" uuid NOT NULL,
      "organization_id" uuid NOT NULL,
      "ordinal" integer NOT NULL,
      "flag_id" text NOT NULL,
      "severity" text NOT NULL,
      "message" text NOT NULL,
      "message_en" text NOT NULL,
      "evidence" jsonb NOT NULL,
      CONSTRAINT "pk_ranking_result_flags" PRIMARY KEY ("result_id", "organization_id", "ordinal"),
      CONSTRAINT "fk_ranking_result_flags_result" FOREIGN KEY ("result_id") REFERENCES "ranking_results"("id") ON DELETE CASCADE)`);
    await queryRunner.query(
      'CREATE INDEX "ix_ranking_result_flags_flag" ON "ranking_result_flags" ("result_id", "flag_id", "organization_id")',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "ranking_result_flags"');
    await queryRunner.query('ALTER TABLE "version_scoring_inputs" DROP COLUMN "flags"');
  }
}
