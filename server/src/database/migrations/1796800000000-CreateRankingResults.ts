import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored population results of the SQL ranking (`ranking-results.store.ts`): one result per
 * round × scoring model version × the round's and the hierarchy's `scoring_stamps` × Shanghai day
 * of the scoring instant × roster staffing digest, with one row per organization expected in the
 * round (score in cents, list position, rank and tie in the whole round and in its peer group of
 * the whole round, region path and peer group for the population filters). A cache of what PostgreSQL computes from other tables, so
 * both are UNLOGGED (no WAL for a 120,000-row fill; emptied after a crash, refilled on the next
 * request). The paths are "C"-collated so a subtree prefix (`LIKE 'path%'`) is an index range.
 * Scoring inputs changed for a submitted version (the backfill job) bump the round's stamp.
 */
export class CreateRankingResults1796800000000 implements MigrationInterface {
  name = 'CreateRankingResults1796800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNLOGGED TABLE "ranking_results" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "round_id" uuid NOT NULL,
      "scoring_model_id" uuid NOT NULL,
      "round_stamp" bigint NOT NULL,
      "organizations_stamp" bigint NOT NULL,
      "day" date NOT NULL,
      "roster_digest" character varying(40) NOT NULL,
      "organization_count" integer NOT NULL DEFAULT 0,
      "ranked_count" integer NOT NULL DEFAULT 0,
      "peer_counts" jsonb NOT NULL DEFAULT '{}',
      "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_ranking_results" PRIMARY KEY ("id"),
      CONSTRAINT "uq_ranking_results_key" UNIQUE ("round_id", "scoring_model_id", "round_stamp", "organizations_stamp", "day", "roster_digest"),
      CONSTRAINT "fk_ranking_results_round" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_ranking_results_scoring_model" FOREIGN KEY ("scoring_model_id") REFERENCES "scoring_models"("id") ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE UNLOGGED TABLE "ranking_result_rows" (
      "result_id" uuid NOT NULL,
      "list_position" integer NOT NULL,
      "organization_id" uuid NOT NULL,
      "cents" double precision,
      "rank" integer,
      "tied" boolean NOT NULL,
      "path" text COLLATE "C" NOT NULL,
      "peer_group" text NOT NULL,
      "peer_position" integer NOT NULL,
      "peer_rank" integer,
      "peer_tied" boolean NOT NULL,
      CONSTRAINT "pk_ranking_result_rows" PRIMARY KEY ("result_id", "list_position"),
      CONSTRAINT "fk_ranking_result_rows_result" FOREIGN KEY ("result_id") REFERENCES "ranking_results"("id") ON DELETE CASCADE)`);
    await queryRunner.query(
      'CREATE INDEX "ix_ranking_result_rows_path" ON "ranking_result_rows" ("result_id", "path") INCLUDE ("list_position", "organization_id", "cents", "peer_group")',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_ranking_result_rows_organization" ON "ranking_result_rows" ("result_id", "organization_id") INCLUDE ("list_position")',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_ranking_result_rows_peer_position" ON "ranking_result_rows" ("result_id", "peer_group", "peer_position")',
    );
    await queryRunner.query(`CREATE FUNCTION "scoring_inputs_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM "scoring_touch"(ARRAY(
          SELECT 'round:' || s.round_id FROM new_rows n
            JOIN submissions s ON s.submitted_version_id = n.version_id));
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      'CREATE TRIGGER "tr_version_scoring_inputs_insert" AFTER INSERT ON "version_scoring_inputs" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "scoring_inputs_changed"()',
    );
    await queryRunner.query(
      'CREATE TRIGGER "tr_version_scoring_inputs_update" AFTER UPDATE ON "version_scoring_inputs" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "scoring_inputs_changed"()',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "tr_version_scoring_inputs_update" ON "version_scoring_inputs"');
    await queryRunner.query('DROP TRIGGER "tr_version_scoring_inputs_insert" ON "version_scoring_inputs"');
    await queryRunner.query('DROP FUNCTION "scoring_inputs_changed"()');
    await queryRunner.query('DROP TABLE "ranking_result_rows"');
    await queryRunner.query('DROP TABLE "ranking_results"');
  }
}
