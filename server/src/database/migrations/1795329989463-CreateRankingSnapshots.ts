import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRankingSnapshots1795329989463 implements MigrationInterface {
  name = 'CreateRankingSnapshots1795329989463';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "scoring_stamps" ("scope" character varying(80) NOT NULL, "stamp" bigint NOT NULL DEFAULT \'0\', "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_31812e5591ab5e4425283262084" PRIMARY KEY ("scope"))',
    );
    await queryRunner.query(
      'CREATE TABLE "scoring_models" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "model_id" character varying(100) NOT NULL, "version" character varying(40) NOT NULL, "definition" jsonb NOT NULL, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2a01883dbe4e8e98799a26e5209" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "ux_scoring_models_model_version" ON "scoring_models" ("model_id", "version") ',
    );
    await queryRunner.query(
      'CREATE TYPE "public"."ranking_snapshot_status" AS ENUM(\'FROZEN\', \'PUBLISHED\')',
    );
    await queryRunner.query(
      'CREATE TABLE "ranking_snapshots" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "round_id" uuid NOT NULL, "region_id" uuid NOT NULL, "region_path" text COLLATE "C" NOT NULL, "peer_group" character varying(100), "scoring_model_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "status" "public"."ranking_snapshot_status" NOT NULL DEFAULT \'FROZEN\', "as_of" TIMESTAMP WITH TIME ZONE NOT NULL, "inputs_hash" character(64) NOT NULL, "previous_snapshot_id" uuid, "entry_count" integer NOT NULL, "ranked_count" integer NOT NULL, "inputs" bytea NOT NULL, "result" bytea NOT NULL, "frozen_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, "published_by_id" uuid, CONSTRAINT "PK_6253f2250aeb3c754d80821ec06" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_ranking_snapshots_round_region" ON "ranking_snapshots" ("round_id", "region_id", "created_at") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"export_kind\" AS ENUM('RANKING_XLSX', 'RANKING_CSV', 'REPORT_XLSX')",
    );
    await queryRunner.query(
      'CREATE TABLE "export_logs" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "kind" "public"."export_kind" NOT NULL, "actor_id" uuid NOT NULL, "scope_organization_id" uuid NOT NULL, "round_id" uuid, "snapshot_id" uuid, "submission_id" uuid, "file_name" character varying(255) NOT NULL, "row_count" integer NOT NULL, "completed" boolean NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cba8d8105ac48685076eb2c81e3" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_export_logs_scope_created" ON "export_logs" ("scope_organization_id", "created_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "ranking_snapshots" ADD CONSTRAINT "fk_ranking_snapshots_round" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "ranking_snapshots" ADD CONSTRAINT "fk_ranking_snapshots_region" FOREIGN KEY ("region_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "ranking_snapshots" ADD CONSTRAINT "fk_ranking_snapshots_scoring_model" FOREIGN KEY ("scoring_model_id") REFERENCES "scoring_models"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    // Reviewed additions (not expressible on the entities): change counters for the score-board
    // cache. Statement-level triggers with transition tables bump `round:<id>` once per statement
    // when a change can move a score (a bulk insert of 100,000 rows bumps each round once), and
    // only then: an autosave of a draft changes none of the columns compared below.
    await queryRunner.query(`CREATE FUNCTION "scoring_touch"(scopes text[]) RETURNS void LANGUAGE sql AS $$
      INSERT INTO "scoring_stamps" ("scope", "stamp", "changed_at")
      SELECT DISTINCT s, 1, now() FROM unnest(scopes) AS s WHERE s IS NOT NULL ORDER BY s
      ON CONFLICT ("scope") DO UPDATE SET "stamp" = "scoring_stamps"."stamp" + 1, "changed_at" = now()
    $$`);
    await queryRunner.query(`CREATE FUNCTION "scoring_rounds_of_new_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM "scoring_touch"(ARRAY(SELECT 'round:' || round_id FROM new_rows)); RETURN NULL; END $$`);
    await queryRunner.query(`CREATE FUNCTION "scoring_rounds_of_old_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM "scoring_touch"(ARRAY(SELECT 'round:' || round_id FROM old_rows)); RETURN NULL; END $$`);
    await queryRunner.query(`CREATE FUNCTION "scoring_submissions_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM "scoring_touch"(ARRAY(
          SELECT 'round:' || n.round_id FROM new_rows n JOIN old_rows o ON o.id = n.id
           WHERE (o.status, o.submitted_version_id, o.first_submitted_at, o.last_submitted_at, o.round_id)
                 IS DISTINCT FROM
                 (n.status, n.submitted_version_id, n.first_submitted_at, n.last_submitted_at, n.round_id)));
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION "scoring_rounds_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM "scoring_touch"(ARRAY(
          SELECT 'round:' || n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
           WHERE (o.year, o.scope_organization_id, o.department_deadline, o.government_deadline)
                 IS DISTINCT FROM (n.year, n.scope_organization_id, n.department_deadline, n.government_deadline)));
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION "scoring_organizations_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM "scoring_touch"(ARRAY['organizations']); RETURN NULL; END $$`);
    await queryRunner.query(`CREATE FUNCTION "scoring_organizations_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
                    WHERE (o.name, o.parent_id, o.path, o.kind, o.peer_group, o.level, o.reports, o.active_from_year, o.active_to_year)
                          IS DISTINCT FROM
                          (n.name, n.parent_id, n.path, n.kind, n.peer_group, n.level, n.reports, n.active_from_year, n.active_to_year)) THEN
          PERFORM "scoring_touch"(ARRAY['organizations']);
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['submissions', 'round_extensions']) {
      await queryRunner.query(
        `CREATE TRIGGER "tr_${table}_scoring_insert" AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "scoring_rounds_of_new_rows"()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "tr_${table}_scoring_delete" AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "scoring_rounds_of_old_rows"()`,
      );
    }
    await queryRunner.query(
      'CREATE TRIGGER "tr_submissions_scoring_update" AFTER UPDATE ON "submissions" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "scoring_submissions_updated"()',
    );
    await queryRunner.query(
      'CREATE TRIGGER "tr_round_extensions_scoring_update" AFTER UPDATE ON "round_extensions" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "scoring_rounds_of_new_rows"()',
    );
    await queryRunner.query(
      'CREATE TRIGGER "tr_rounds_scoring_update" AFTER UPDATE ON "rounds" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "scoring_rounds_updated"()',
    );
    await queryRunner.query(
      'CREATE TRIGGER "tr_organizations_scoring_insert" AFTER INSERT OR DELETE ON "organizations" FOR EACH STATEMENT EXECUTE FUNCTION "scoring_organizations_changed"()',
    );
    await queryRunner.query(
      'CREATE TRIGGER "tr_organizations_scoring_update" AFTER UPDATE ON "organizations" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "scoring_organizations_updated"()',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "tr_organizations_scoring_update" ON "organizations"');
    await queryRunner.query('DROP TRIGGER "tr_organizations_scoring_insert" ON "organizations"');
    await queryRunner.query('DROP TRIGGER "tr_rounds_scoring_update" ON "rounds"');
    await queryRunner.query(
      'DROP TRIGGER "tr_round_extensions_scoring_update" ON "round_extensions"',
    );
    await queryRunner.query('DROP TRIGGER "tr_submissions_scoring_update" ON "submissions"');
    for (const table of ['submissions', 'round_extensions']) {
      await queryRunner.query(`DROP TRIGGER "tr_${table}_scoring_delete" ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER "tr_${table}_scoring_insert" ON "${table}"`);
    }
    await queryRunner.query('DROP FUNCTION "scoring_organizations_updated"()');
    await queryRunner.query('DROP FUNCTION "scoring_organizations_changed"()');
    await queryRunner.query('DROP FUNCTION "scoring_rounds_updated"()');
    await queryRunner.query('DROP FUNCTION "scoring_submissions_updated"()');
    await queryRunner.query('DROP FUNCTION "scoring_rounds_of_old_rows"()');
    await queryRunner.query('DROP FUNCTION "scoring_rounds_of_new_rows"()');
    await queryRunner.query('DROP FUNCTION "scoring_touch"(text[])');
    await queryRunner.query(
      'ALTER TABLE "ranking_snapshots" DROP CONSTRAINT "fk_ranking_snapshots_scoring_model"',
    );
    await queryRunner.query(
      'ALTER TABLE "ranking_snapshots" DROP CONSTRAINT "fk_ranking_snapshots_region"',
    );
    await queryRunner.query(
      'ALTER TABLE "ranking_snapshots" DROP CONSTRAINT "fk_ranking_snapshots_round"',
    );
    await queryRunner.query('DROP INDEX "public"."ix_export_logs_scope_created"');
    await queryRunner.query('DROP TABLE "export_logs"');
    await queryRunner.query('DROP TYPE "public"."export_kind"');
    await queryRunner.query('DROP INDEX "public"."ix_ranking_snapshots_round_region"');
    await queryRunner.query('DROP TABLE "ranking_snapshots"');
    await queryRunner.query('DROP TYPE "public"."ranking_snapshot_status"');
    await queryRunner.query('DROP INDEX "public"."ux_scoring_models_model_version"');
    await queryRunner.query('DROP TABLE "scoring_models"');
    await queryRunner.query('DROP TABLE "scoring_stamps"');
  }
}
